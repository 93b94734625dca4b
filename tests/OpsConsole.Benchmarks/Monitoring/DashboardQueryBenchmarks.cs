using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Platform;
using OpsConsole.Scoring;

namespace OpsConsole.Monitoring;

/// <summary>
/// The monitoring page's load on 10 million logged predictions (30 days, three models, see
/// <see cref="DashboardDatabase"/>), through the query classes the page resolves, each on a fresh context as the page's
/// scope gives it. Per question, the baseline is a plain GROUP BY over the raw prediction log answering it with SQL
/// alone: volume, mean confidence, labels and serving stages per step (without latency percentiles, which SQLite
/// cannot compute in a GROUP BY, so the baseline does less than the rollup path) and the KPI's daily counts. Before
/// measuring, the rollup path and the baseline must agree on every step's volume, which checks the generated rollups
/// against the log they were built from. Single-call latencies (for the p95 target) are printed when each case ends.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DashboardQueryBenchmarks
{
    const string Model = "bench-dash-a";
    const double ConfidentAt = 0.8;   // the page's confident-rate threshold

    readonly Dictionary<string, LatencyRecorder> _latency = [];
    string _connectionString = "";
    ServiceProvider? _services;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _connectionString = await DashboardDatabase.EnsureAsync(BenchmarkScale.Pick(10_000_000, 5_000));
        foreach (var (days, step) in new[] { (1, 5), (7, 60), (30, 360) })
        {
            var rollups = (await SeriesAsync(days, step))!.Points.ToDictionary(p => p.Start, p => p.Predictions);
            var raw = RawSeries(days, step).ToDictionary(p => p.Start, p => p.Predictions);
            if (rollups.Count != raw.Count || rollups.Any(p => raw.GetValueOrDefault(p.Key) != p.Value))
            {
                throw new InvalidOperationException($"Over {days} days the rollups count {rollups.Values.Sum()} predictions in {rollups.Count} steps, the log {raw.Values.Sum()} in {raw.Count}.");
            }
        }
        var (kpis, rawKpis) = ((await KpiAsync())!.Days, RawKpi());
        if (kpis.Count != rawKpis.Count || kpis.Zip(rawKpis).Any(d => d.First.Day != d.Second.Day || d.First.Volume != d.Second.Volume))
        {
            throw new InvalidOperationException("The rollups' daily volumes differ from the log's.");
        }
        _services = PageServices(_connectionString);
        _latency.Clear();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (what, latency) in _latency) latency.Report(what);
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    // The page's reads resolved as the console registers them (a scope and a context per read), on the bench database.
    static ServiceProvider PageServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContext<OpsDbContext>(options => options.UseProvider(DatabaseProvider.Sqlite, connectionString));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new MonitoringOptions()));
        services.AddScoped<MetricsQueries>().AddScoped<SegmentQueries>().AddScoped<KpiQueries>().AddScoped<AccuracyQueries>()
            .AddScoped<PerformanceQueries>().AddScoped<DriftHistory>().AddSingleton<MonitoringPageReads>();
        return services.BuildServiceProvider();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Series24h")]
    public int RawGroupBy24h() => Timed("RawGroupBy24h", () => RawSeries(1, 5).Count);

    [Benchmark, BenchmarkCategory("Series24h")]
    public Task<MetricsView?> MetricsSeries24h() => TimedAsync("MetricsSeries24h", () => SeriesAsync(1, 5));

    [Benchmark(Baseline = true), BenchmarkCategory("Series7d")]
    public int RawGroupBy7d() => Timed("RawGroupBy7d", () => RawSeries(7, 60).Count);

    [Benchmark, BenchmarkCategory("Series7d")]
    public Task<MetricsView?> MetricsSeries7d() => TimedAsync("MetricsSeries7d", () => SeriesAsync(7, 60));

    [Benchmark(Baseline = true), BenchmarkCategory("Series30d")]
    public int RawGroupBy30d() => Timed("RawGroupBy30d", () => RawSeries(30, 360).Count);

    [Benchmark, BenchmarkCategory("Series30d")]
    public Task<MetricsView?> MetricsSeries30d() => TimedAsync("MetricsSeries30d", () => SeriesAsync(30, 360));

    [Benchmark(Baseline = true), BenchmarkCategory("Kpi7d")]
    public int RawGroupByDay() => Timed("RawGroupByDay", () => RawKpi().Count);

    [Benchmark, BenchmarkCategory("Kpi7d")]
    public Task<KpiView?> KpiDaily7d() => TimedAsync("KpiDaily7d", KpiAsync);

    /// <summary>Realized performance reads the raw log by design (it joins predictions with outcomes); the page asks for it on load.</summary>
    [Benchmark, BenchmarkCategory("Performance7d")]
    public Task<PerformanceReport?> Performance7d() => TimedAsync("Performance7d", async () =>
    {
        await using var db = DashboardDatabase.Context(_connectionString);
        return (await new PerformanceQueries(db).ForAsync(Model, null, TimeSpan.FromDays(7), DashboardDatabase.End, CancellationToken.None)).View?.Report;
    });

    [Benchmark, BenchmarkCategory("Segments7d")]
    public Task<SegmentsView?> Segments7d() => TimedAsync("Segments7d", async () =>
    {
        await using var db = DashboardDatabase.Context(_connectionString);
        return await new SegmentQueries(db).ForAsync(Model, DashboardDatabase.End.AddDays(-7), DashboardDatabase.End, KpiMath.DefaultThreshold, CancellationToken.None);
    });

    [Benchmark, BenchmarkCategory("Accuracy7d")]
    public Task<AccuracyView?> AccuracyDaily7d() => TimedAsync("AccuracyDaily7d", async () =>
    {
        await using var db = DashboardDatabase.Context(_connectionString);
        return (await new AccuracyQueries(db, new PerformanceQueries(db)).DailyAsync(Model, null, 7, TimeZoneInfo.Utc, DashboardDatabase.End, CancellationToken.None)).View;
    });

    /// <summary>What MonitoringPage.LoadAsync reads on load (range "Last week", as the page coarsens it), through the page's own loader.</summary>
    [Benchmark, BenchmarkCategory("PageLoad7d")]
    public Task<int> MonitoringPageLoad7d() => TimedAsync("MonitoringPageLoad7d", async () =>
    {
        var now = DashboardDatabase.End;
        var range = ChartRange.Last(TimeSpan.FromDays(7), now).CoarseWhereCompacted(now - TimeSpan.FromHours(new MonitoringOptions().MinuteRollupHours));
        var page = await _services!.GetRequiredService<MonitoringPageReads>().LoadAsync(Model, range, 7, TimeZoneInfo.Utc, now, null, CancellationToken.None);
        return page.Points.Count + page.Metrics!.Points.Count + page.Kpis!.Days.Count + (page.Segments is null ? 0 : 1) + (page.Accuracy is null ? 0 : 1) + (page.Performance is null ? 0 : 1);
    });

    async Task<MetricsView?> SeriesAsync(int days, int stepMinutes)
    {
        await using var db = DashboardDatabase.Context(_connectionString);
        return await new MetricsQueries(db, Microsoft.Extensions.Options.Options.Create(new MonitoringOptions())).SeriesAsync(Model, DashboardDatabase.End.AddDays(-days), DashboardDatabase.End, stepMinutes, null, CancellationToken.None);
    }

    // Days cut in UTC, so that the baseline can cut them in SQL.
    async Task<KpiView?> KpiAsync()
    {
        await using var db = DashboardDatabase.Context(_connectionString);
        return await new KpiQueries(db).DailyAsync(Model, 7, ConfidentAt, TimeZoneInfo.Utc, DashboardDatabase.End, CancellationToken.None);
    }

    sealed record RawPoint(DateTimeOffset Start, long Predictions, double? MeanConfidence, Dictionary<string, long> ServedBy, Dictionary<string, long> Labels);

    // The same steps as MetricsQueries: from the minute of `from`, `stepMinutes` wide; shadow rows are not traffic.
    List<RawPoint> RawSeries(int days, int stepMinutes)
    {
        var start = RollupKey.MinuteOf(DashboardDatabase.End.AddDays(-days));
        var step = TimeSpan.FromMinutes(stepMinutes);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (At - $start) / $step AS Step, ServedBy, Label, COUNT(*), SUM(Confidence), COUNT(Confidence)
            FROM Predictions
            WHERE Model = $model AND At >= $start AND At < $end AND ServedBy <> 'shadow'
            GROUP BY Step, ServedBy, Label
            """;
        command.Parameters.AddWithValue("$model", Model);
        command.Parameters.AddWithValue("$start", start.UtcTicks);
        command.Parameters.AddWithValue("$end", DashboardDatabase.End.UtcTicks);
        command.Parameters.AddWithValue("$step", step.Ticks);
        var points = new SortedDictionary<long, (long Count, double ConfidenceSum, long ConfidenceCount, Dictionary<string, long> ServedBy, Dictionary<string, long> Labels)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var point = points.TryGetValue(key, out var p) ? p : (0, 0.0, 0, new Dictionary<string, long>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal));
                var count = reader.GetInt64(3);
                var servedBy = reader.GetString(1);
                point.ServedBy[servedBy] = point.ServedBy.GetValueOrDefault(servedBy) + count;
                if (!reader.IsDBNull(2)) point.Labels[reader.GetString(2)] = point.Labels.GetValueOrDefault(reader.GetString(2)) + count;
                points[key] = (point.Count + count, point.ConfidenceSum + (reader.IsDBNull(4) ? 0 : reader.GetDouble(4)), point.ConfidenceCount + reader.GetInt64(5), point.ServedBy, point.Labels);
            }
        }
        return [.. points.Select(p => new RawPoint(start + step * p.Key, p.Value.Count,
            p.Value.ConfidenceCount == 0 ? null : p.Value.ConfidenceSum / p.Value.ConfidenceCount, p.Value.ServedBy, p.Value.Labels))];
    }

    List<DailyKpi> RawKpi()
    {
        var now = DashboardDatabase.End;
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT At / $day AS Day, COUNT(*), COUNT(Confidence), SUM(Confidence >= $threshold)
            FROM Predictions
            WHERE Model = $model AND At >= $from AND ServedBy <> 'shadow'
            GROUP BY Day
            """;
        command.Parameters.AddWithValue("$model", Model);
        command.Parameters.AddWithValue("$from", now.AddDays(-(7 + KpiMath.BaselineDays + 1)).UtcTicks);
        command.Parameters.AddWithValue("$day", TimeSpan.TicksPerDay);
        command.Parameters.AddWithValue("$threshold", ConfidentAt);
        var days = new List<DayCounts>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                days.Add(new DayCounts(DateOnly.FromDayNumber((int)reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3)));
            }
        }
        var firstShown = KpiMath.LocalDay(now, TimeZoneInfo.Utc).AddDays(-6);
        return [.. KpiMath.Daily(days).Where(d => d.Day >= firstShown)];
    }

    T Timed<T>(string what, Func<T> query)
    {
        var started = TimeProvider.System.GetTimestamp();
        var result = query();
        Recorder(what).Add(TimeProvider.System.GetElapsedTime(started));
        return result;
    }

    async Task<T> TimedAsync<T>(string what, Func<Task<T>> query)
    {
        var started = TimeProvider.System.GetTimestamp();
        var result = await query();
        Recorder(what).Add(TimeProvider.System.GetElapsedTime(started));
        return result;
    }

    LatencyRecorder Recorder(string what) => _latency.TryGetValue(what, out var recorder) ? recorder : _latency[what] = new LatencyRecorder();
}
