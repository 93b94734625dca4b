using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using OpsConsole.Scoring;

namespace OpsConsole.Monitoring;

/// <summary>
/// What maintaining the per-minute rollups costs ingestion: 10,000 prediction rows per invocation through
/// <see cref="BulkInsert"/> in batches of 2,000 (the writer's default), a context per batch, as the prediction-log
/// writer calls it. The baseline is the bulk insert alone; against it the same batches with
/// <see cref="RollupMaintenance.ApplyAsync"/> in the same transaction, as the writer passes it. Rows are of one model
/// in two segments, spread evenly over <see cref="Minutes"/> minutes: 1 (a burst, two cells per batch) or 100 (100
/// rows a minute, about the dashboard benchmark's rate: some 40 cells per batch). Times are per row and Op/s is rows
/// per second; both tables are emptied and the ids renewed outside the measurement.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class RollupOverheadBenchmarks
{
    const int Rows = 10_000;
    const int BatchSize = 2000;

    BenchmarkDatabase _database = default!;
    List<PredictionRecord> _rows = [];
    List<List<PredictionRecord>> _batches = [];
    long _nextId;

    [Params(1, 100)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchmarkDatabase();
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var spacing = TimeSpan.FromMinutes(Minutes) / Rows;
        _rows = [.. Enumerable.Range(0, Rows).Select(i =>
        {
            var yes = random.NextDouble();
            return new PredictionRecord
            {
                Id = "", Model = "bench-rollup", Version = 1, ServedBy = "production", At = start + spacing * i,
                FeaturesJson = string.Create(CultureInfo.InvariantCulture, $$"""{"a":{{random.NextDouble():0.####}},"b":{{random.NextDouble():0.####}},"c":{{random.NextDouble():0.####}}}"""),
                Label = yes >= 0.5 ? "yes" : "no", ProbabilitiesJson = string.Create(CultureInfo.InvariantCulture, $$"""{"yes":{{yes:0.######}},"no":{{1 - yes:0.######}}}"""),
                Confidence = Math.Max(yes, 1 - yes), LatencyMs = 0.2 + random.NextDouble(), Segment = i % 2 == 0 ? "eu" : "us",
            };
        })];
        _batches = [.. _rows.Chunk(BatchSize).Select(batch => batch.ToList())];
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [IterationSetup]
    public void NewIds()
    {
        foreach (var row in _rows) row.Id = (++_nextId).ToString("x32", CultureInfo.InvariantCulture);
    }

    // Both tables stay the same size from one invocation to the next, so their indexes cost the same in every method.
    [IterationCleanup]
    public void Empty()
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM Predictions; DELETE FROM PredictionRollups;";
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task BulkInsertWithoutRollups()
    {
        foreach (var batch in _batches)
        {
            await using var db = _database.Context(audited: true);
            await BulkInsert.WriteAsync(db, batch, CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task BulkInsertWithRollups()
    {
        foreach (var batch in _batches)
        {
            await using var db = _database.Context(audited: true);
            await BulkInsert.WriteAsync(db, batch, CancellationToken.None, (context, token) => RollupMaintenance.ApplyAsync(context, batch, token));
        }
    }
}
