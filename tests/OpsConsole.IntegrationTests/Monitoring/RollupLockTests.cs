using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// Several SQL Server writers add to the same rollup cells: the writer's read of a cell must take an update and range
/// lock, or two servers would each add their batch to the same stale figures. No SQL Server runs here, so the test
/// checks the SQL the real query sends; SQLite (one writer at a time by its own lock) keeps the plain query.
/// </summary>
public class RollupLockTests
{
    static readonly string[] Models = ["card-fraud"];

    [Fact]
    public void On_sql_server_the_writer_reads_rollup_cells_under_update_and_range_locks_with_its_filter_composed_on_top()
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=unused;Database=OpsConsole;TrustServerCertificate=True");
        using var db = new OpsDbContext(options.Options);
        var minute = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

        var one = RollupMaintenance.Cells(db).Where(x => x.Model == "card-fraud" && x.Version == 2 && x.Segment == null && x.MinuteStart == minute).ToQueryString();
        var range = RollupMaintenance.Cells(db).Where(x => Models.Contains(x.Model) && x.MinuteStart >= minute && x.MinuteStart <= minute.AddMinutes(5)).ToQueryString();

        foreach (var sql in new[] { one, range })
        {
            Assert.Contains("FROM [PredictionRollups] WITH (UPDLOCK, HOLDLOCK)", sql, StringComparison.Ordinal);
            Assert.Contains("WHERE", sql, StringComparison.Ordinal);
            Assert.Contains("[MinuteStart]", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void On_sqlite_the_writer_reads_rollup_cells_plainly()
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new OpsDbContext(options.Options);

        var sql = RollupMaintenance.Cells(db).Where(x => x.Model == "card-fraud").ToQueryString();

        Assert.DoesNotContain("UPDLOCK", sql, StringComparison.Ordinal);
        Assert.Contains("FROM \"PredictionRollups\"", sql, StringComparison.Ordinal);
    }
}
