using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole;

/// <summary>A migrated SQLite file in WAL mode, as the console runs it, in a temp directory of its own.</summary>
public sealed class BenchmarkDatabase : IDisposable
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), "opsconsole-bench-" + Guid.NewGuid().ToString("N"));

    public BenchmarkDatabase()
    {
        Directory.CreateDirectory(_directory);
        using var db = Context(audited: false);
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "bench.db")}";

    public OpsDbContext Context(bool audited)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, ConnectionString);
        if (audited) options.AddInterceptors(new AuditInterceptor(new BenchmarkActor(), TimeProvider.System));
        return new OpsDbContext(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    sealed class BenchmarkActor : IAuditActor
    {
        public string? Id => "bench-user";
        public string Name => "bench@opsconsole";
    }
}
