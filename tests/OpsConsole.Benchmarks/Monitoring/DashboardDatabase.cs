using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Scoring;

namespace OpsConsole.Monitoring;

/// <summary>
/// A console database with 30 days of traffic for three models, for the monitoring page's queries: the prediction log
/// (raw prepared inserts, 100,000 rows per transaction, for speed), the per-minute rollups of exactly those rows through
/// the console's own <see cref="RollupMaintenance.ApplyAsync"/> (the code the prediction-log writer runs), one
/// promotion per model and a drift snapshot per model every 15 minutes, as the drift job leaves them, and the minutes
/// older than 48 h compacted into hours, as the compaction job leaves them. Generating 10
/// million rows takes minutes, so the file is kept under the temp directory, named by <see cref="Version"/>, the row
/// count and the latest migration; a rerun opens it again. Change <see cref="Version"/> when what is generated changes.
/// </summary>
public static class DashboardDatabase
{
    public const string Version = "2";
    public const int Days = 30;
    const int RowsPerTransaction = 100_000;

    public static readonly IReadOnlyList<string> Models = ["bench-dash-a", "bench-dash-b", "bench-dash-c"];

    /// <summary>The end of the generated traffic: the "now" of every query.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    static readonly string[] Features = ["a", "b", "c"];
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The connection string of the database with <paramref name="rows"/> predictions, generated first if it is not cached.</summary>
    public static async Task<string> EnsureAsync(int rows)
    {
        var directory = Path.Combine(Path.GetTempPath(), "opsconsole-bench-cache");
        Directory.CreateDirectory(directory);
        string latestMigration;
        await using (var probe = Context("Data Source=:memory:")) latestMigration = probe.Database.GetMigrations().Last();
        var file = Path.Combine(directory, $"dashboard-v{Version}-{rows}-{latestMigration}.db");
        if (!File.Exists(file))
        {
            // Generated under a name of its own and moved into place whole, so an interrupted run leaves no half a database.
            var partial = file + "." + Guid.NewGuid().ToString("N") + ".partial";
            await GenerateAsync(partial, rows);
            File.Move(partial, file);
        }
        return $"Data Source={file}";
    }

    public static OpsDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, connectionString);
        return new OpsDbContext(options.Options);
    }

    static async Task GenerateAsync(string file, int rows)
    {
        var started = TimeProvider.System.GetTimestamp();
        var connectionString = $"Data Source={file};Pooling=False";
        await using (var db = Context(connectionString))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await RegisterAsync(db);
        }
        var random = new Random(20261130);
        var start = End.AddDays(-Days);
        var spacing = (double)(End - start).Ticks / rows;
        for (var first = 0; first < rows; first += RowsPerTransaction)
        {
            var batch = Enumerable.Range(first, Math.Min(RowsPerTransaction, rows - first)).Select(i => Row(random, i, start.AddTicks((long)(i * spacing)))).ToList();
            InsertRaw(connectionString, batch);
            await using var db = Context(connectionString);
            await RollupMaintenance.ApplyAsync(db, batch, CancellationToken.None);
        }
        // As the console keeps them at End: minutes older than the retention (48 h by default) folded into hours.
        await using (var db = Context(connectionString))
        {
            await new RollupCompactionJob(db, new FixedClock(End), Microsoft.Extensions.Options.Options.Create(new MonitoringOptions())).RunAsync(CancellationToken.None);
        }
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Generated {rows:N0} predictions with their rollups in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s: {file}");
    }

    // Each model in production since before the traffic starts, with a drift run every 15 minutes over the 30 days.
    static async Task RegisterAsync(OpsDbContext db)
    {
        foreach (var name in Models)
        {
            var model = new RegisteredModel { Name = name, Task = "classification", CreatedBy = "bench", CreatedAt = End.AddDays(-Days - 10) };
            var version = new ModelVersion
            {
                Model = model, Version = 1, Sha256 = new string('0', 64), InputsJson = "[]", OutputsJson = "[]", Stage = ModelStage.Production,
                StageChangedAt = End.AddDays(-Days - 1), RegisteredAt = End.AddDays(-Days - 10), RegisteredBy = "bench",
                FeatureSchemaJson = """[{"name":"a","type":"number"},{"name":"b","type":"number"},{"name":"c","type":"number"}]""",
            };
            db.AddRange(model, version);
            await db.SaveChangesAsync();
            db.PromotionLog.Add(new PromotionLogEntry
            {
                ModelId = model.Id, VersionId = version.Id, Version = 1, FromStage = ModelStage.None, ToStage = ModelStage.Production,
                Reason = "benchmark", At = End.AddDays(-Days - 1), Actor = "bench",
            });
            var columns = JsonSerializer.Serialize(Features.Select(c => new DriftColumnView(c, "feature", "numeric", DriftMethods.Wasserstein, 0.02, null, 0.1, false, 0, 0, null))
                .Append(new DriftColumnView("prediction", "prediction", "categorical", DriftMethods.Js, 0.01, null, 0.1, false, 0, 0, null))
                .Append(new DriftColumnView("confidence", "confidence", "numeric", DriftMethods.Wasserstein, 0.03, null, 0.1, false, 0, 0, null)), Json);
            for (var at = End.AddDays(-Days); at < End; at = at.AddMinutes(15))
            {
                db.DriftSnapshots.Add(new DriftSnapshot
                {
                    Model = name, Version = 1, ComputedAt = at, ReferenceFrom = End.AddDays(-Days - 1), ReferenceTo = End.AddDays(-Days + 6), ReferenceRows = 200_000,
                    CurrentFrom = at.AddHours(-24), CurrentTo = at, CurrentRows = 100_000, DriftShare = 0, DatasetDrift = false, ColumnsJson = columns,
                });
            }
            await db.SaveChangesAsync();
        }
    }

    // Logged as the records form logs a three-feature binary classifier: rows spread evenly in time, models and
    // segments drawn at random, latencies log-normal around 2 ms.
    static PredictionRecord Row(Random random, int i, DateTimeOffset at)
    {
        var yes = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return new PredictionRecord
        {
            Id = i.ToString("x32", CultureInfo.InvariantCulture), Model = Models[random.Next(Models.Count)], Version = 1, ServedBy = "production", At = at,
            FeaturesJson = string.Create(CultureInfo.InvariantCulture, $$"""{"a":{{random.NextDouble():0.####}},"b":{{random.NextDouble():0.####}},"c":{{random.NextDouble():0.####}}}"""),
            Label = yes >= 0.5 ? "yes" : "no",
            ProbabilitiesJson = string.Create(CultureInfo.InvariantCulture, $$"""{"yes":{{yes:0.######}},"no":{{1 - yes:0.######}}}"""),
            Confidence = Math.Max(yes, 1 - yes), LatencyMs = Math.Exp(Math.Log(2) + 0.5 * normal), Segment = random.Next(2) == 0 ? "eu" : "us",
        };
    }

    // The columns of the PredictionLog migration; instants as UTC ticks, as the console stores them.
    static void InsertRaw(string connectionString, List<PredictionRecord> rows)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";   // generation only: a crash means generating again
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Predictions (Id, Model, Version, At, FeaturesJson, Label, ProbabilitiesJson, Confidence, Value, LatencyMs, Segment, RequestId, ServedBy)
            VALUES ($id, $model, $version, $at, $features, $label, $probabilities, $confidence, NULL, $latency, $segment, NULL, $servedBy)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var model = command.Parameters.Add("$model", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var features = command.Parameters.Add("$features", SqliteType.Text);
        var label = command.Parameters.Add("$label", SqliteType.Text);
        var probabilities = command.Parameters.Add("$probabilities", SqliteType.Text);
        var confidence = command.Parameters.Add("$confidence", SqliteType.Real);
        var latency = command.Parameters.Add("$latency", SqliteType.Real);
        var segment = command.Parameters.Add("$segment", SqliteType.Text);
        var servedBy = command.Parameters.Add("$servedBy", SqliteType.Text);
        command.Prepare();
        foreach (var row in rows)
        {
            id.Value = row.Id;
            model.Value = row.Model;
            version.Value = row.Version;
            at.Value = row.At.UtcTicks;
            features.Value = row.FeaturesJson;
            label.Value = row.Label;
            probabilities.Value = row.ProbabilitiesJson;
            confidence.Value = row.Confidence;
            latency.Value = row.LatencyMs;
            segment.Value = row.Segment;
            servedBy.Value = row.ServedBy;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
