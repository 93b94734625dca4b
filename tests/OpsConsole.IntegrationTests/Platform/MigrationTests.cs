using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Platform;

public class MigrationTests
{
    [Fact]
    public async Task The_sqlite_migrations_build_a_fresh_database_that_matches_the_model()
    {
        var file = Path.Combine(Path.GetTempPath(), $"opsconsole-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<OpsDbContext>();
            options.UseProvider(DatabaseProvider.Sqlite, $"Data Source={file}");
            await using var db = new OpsDbContext(options.Options);

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration.");
            Assert.Equal(0, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void The_sql_server_migrations_are_in_step_with_the_model()
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=unused;Database=OpsConsole;TrustServerCertificate=True");
        using var db = new OpsDbContext(options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration.");
    }
}
