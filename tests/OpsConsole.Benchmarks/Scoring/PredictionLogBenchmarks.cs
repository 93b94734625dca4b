using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Scoring;

/// <summary>
/// How fast the prediction log takes rows, the ceiling of sustained scoring and ingestion (a full queue makes scoring
/// wait). 10,000 rows per invocation, reported per row. The baseline is a raw prepared SQLite INSERT of the same
/// columns in one transaction per 2,000 rows (the writer's default batch); against it <see cref="BulkInsert"/> as the
/// writer calls it (a scope and context per batch, columns and conversions read from the EF model), and the whole
/// <see cref="PredictionLogWriter"/> of the running console: enqueue every row, then wait until it reports them written.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class PredictionLogBenchmarks
{
    const int Rows = 10_000;
    const int BatchSize = 2000;   // ScoringOptions.PredictionBatchSize's default

    // The columns of the PredictionLog migration, in its order.
    const string Insert = """
        INSERT INTO Predictions (Id, Model, Version, At, FeaturesJson, Label, ProbabilitiesJson, Confidence, Value, LatencyMs, Segment, RequestId, ServedBy)
        VALUES ($id, $model, $version, $at, $features, $label, $probabilities, $confidence, $value, $latency, $segment, $requestId, $servedBy)
        """;

    BenchmarkConsole _console = default!;
    PredictionLogWriter _writer = default!;
    string _connectionString = "";
    List<PredictionRecord> _rows = [];
    List<List<PredictionRecord>> _batches = [];
    long _nextId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _console = BenchmarkConsole.Start();
        _writer = _console.Services.GetRequiredService<PredictionLogWriter>();
        await using (var scope = _console.Services.CreateAsyncScope())
        {
            _connectionString = scope.ServiceProvider.GetRequiredService<OpsDbContext>().Database.GetConnectionString()!;
        }
        // Rows as the records form logs them for the linear model: three features, two labels' probabilities.
        var random = new Random(42);
        var at = TimeProvider.System.GetUtcNow();
        _rows = [.. Enumerable.Range(0, Rows).Select(i =>
        {
            var yes = random.NextDouble();
            var features = new Dictionary<string, double> { ["a"] = Feature(random), ["b"] = Feature(random), ["c"] = Feature(random) };
            return new PredictionRecord
            {
                Id = "", Model = "bench-log", Version = 1, ServedBy = "production", At = at.AddTicks(i), FeaturesJson = JsonSerializer.Serialize(features),
                Label = yes >= 0.5 ? "yes" : "no", ProbabilitiesJson = JsonSerializer.Serialize(new Dictionary<string, double> { ["yes"] = yes, ["no"] = 1 - yes }),
                Confidence = Math.Max(yes, 1 - yes), LatencyMs = 0.2 + random.NextDouble(), Segment = i % 2 == 0 ? "eu" : "us",
            };
        })];
        _batches = [.. _rows.Chunk(BatchSize).Select(batch => batch.ToList())];
    }

    static double Feature(Random random) => Math.Round(random.NextDouble(), 4);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _console.DisposeAsync();

    // Fresh keys for every invocation, outside the measurement, as every prediction has its own id. (With an iteration
    // setup BenchmarkDotNet runs one invocation per iteration; at 10,000 rows an invocation is long enough for that.)
    [IterationSetup]
    public void NewIds()
    {
        foreach (var row in _rows) row.Id = (++_nextId).ToString("x32", CultureInfo.InvariantCulture);
    }

    // The table stays the same size from one invocation to the next, so the index costs the same in every method.
    [IterationCleanup]
    public void Empty()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM Predictions";
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void RawPreparedInsert()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Insert;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var model = command.Parameters.Add("$model", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var features = command.Parameters.Add("$features", SqliteType.Text);
        var label = command.Parameters.Add("$label", SqliteType.Text);
        var probabilities = command.Parameters.Add("$probabilities", SqliteType.Text);
        var confidence = command.Parameters.Add("$confidence", SqliteType.Real);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var latency = command.Parameters.Add("$latency", SqliteType.Real);
        var segment = command.Parameters.Add("$segment", SqliteType.Text);
        var requestId = command.Parameters.Add("$requestId", SqliteType.Text);
        var servedBy = command.Parameters.Add("$servedBy", SqliteType.Text);
        command.Prepare();
        foreach (var batch in _batches)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            foreach (var row in batch)
            {
                id.Value = row.Id;
                model.Value = row.Model;
                version.Value = row.Version;
                at.Value = row.At.UtcTicks;   // the console stores every instant as UTC ticks
                features.Value = row.FeaturesJson;
                label.Value = (object?)row.Label ?? DBNull.Value;
                probabilities.Value = (object?)row.ProbabilitiesJson ?? DBNull.Value;
                confidence.Value = (object?)row.Confidence ?? DBNull.Value;
                value.Value = (object?)row.Value ?? DBNull.Value;
                latency.Value = row.LatencyMs;
                segment.Value = (object?)row.Segment ?? DBNull.Value;
                requestId.Value = (object?)row.RequestId ?? DBNull.Value;
                servedBy.Value = row.ServedBy;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task BulkInsertInBatches()
    {
        foreach (var batch in _batches)
        {
            await using var scope = _console.Services.CreateAsyncScope();
            await BulkInsert.WriteAsync(scope.ServiceProvider.GetRequiredService<OpsDbContext>(), batch, CancellationToken.None);
        }
    }

    // Scoring's way in: the writer batches what it finds queued, so this also measures how well it fills its batches.
    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task PredictionLogWriterQueue()
    {
        var target = _writer.Written + Rows;
        foreach (var row in _rows) await _writer.EnqueueAsync(row, CancellationToken.None);
        var started = TimeProvider.System.GetTimestamp();
        while (_writer.Written < target)
        {
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"The writer wrote {_writer.Written - target + Rows} of {Rows} rows within a minute; see the console's log.");
            }
            await Task.Delay(1);
        }
    }
}
