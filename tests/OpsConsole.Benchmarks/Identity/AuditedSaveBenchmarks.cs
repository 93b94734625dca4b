using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using OpsConsole.Platform;

namespace OpsConsole.Identity;

/// <summary>
/// What the audit interceptor costs on every state change: saving N notifications through EF with the interceptor,
/// against EF without it and against a raw prepared SQLite insert in one transaction (the baseline).
/// </summary>
[MemoryDiagnoser]
public class AuditedSaveBenchmarks
{
    BenchmarkDatabase _database = default!;

    [Params(1, 100)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _database = new BenchmarkDatabase();

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [Benchmark(Baseline = true)]
    public void RawSqliteInsert()
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO Notifications (CreatedAt, Title, Message, Severity, RecipientRole) VALUES ($at, $title, '', 'Info', 'Viewer')";
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var title = command.Parameters.Add("$title", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < Rows; i++)
        {
            at.Value = TimeProvider.System.GetUtcNow().UtcTicks;
            title.Value = "raw " + i;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    [Benchmark]
    public int EfSaveWithoutAudit() => Save(audited: false);

    [Benchmark]
    public int EfSaveWithAudit() => Save(audited: true);

    int Save(bool audited)
    {
        using var db = _database.Context(audited);
        for (var i = 0; i < Rows; i++)
            db.Notifications.Add(new Notification { CreatedAt = TimeProvider.System.GetUtcNow(), Title = "ef " + i, RecipientRole = "Viewer" });
        return db.SaveChanges();
    }
}
