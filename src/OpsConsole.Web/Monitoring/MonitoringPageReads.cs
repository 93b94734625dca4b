namespace OpsConsole.Monitoring;

/// <summary>What the monitoring page shows for one range, besides the feature drill-down.</summary>
public sealed record MonitoringPageData(
    MetricsView? Metrics, SegmentsView? Segments, KpiView? Kpis, AccuracyView? Accuracy, PerformanceReport? Performance, IReadOnlyList<DriftPointView> Points);

/// <summary>
/// The monitoring page's reads for one range. Each runs on a scope (and so a database connection) of its own and off
/// the caller's synchronization context, so the six run side by side: on a Blazor circuit they would otherwise take
/// turns on its dispatcher, and a week's load is their sum. The page and its benchmark
/// (<c>DashboardQueryBenchmarks.MonitoringPageLoad7d</c>) both load through here.
/// </summary>
public sealed class MonitoringPageReads(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Reads the range's charts, segments and drift, and KPIs and accuracy for <paramref name="days"/> days (a week at
    /// least, so the estimate has something to be compared over) ending at <paramref name="end"/>, cut in
    /// <paramref name="zone"/>. For a live redraw, <paramref name="kept"/> holds what new predictions do not change at
    /// once (KPIs of past days, accuracy, realized performance, drift), which is then kept instead of read again.
    /// </summary>
    public async Task<MonitoringPageData> LoadAsync(string model, ChartRange range, int days, TimeZoneInfo zone, DateTimeOffset end,
        MonitoringPageData? kept, CancellationToken cancellationToken)
    {
        var metrics = Read<MetricsQueries, MetricsView?>(q => q.SeriesAsync(model, range.From, range.To, range.StepMinutes, null, cancellationToken));
        var segments = Read<SegmentQueries, SegmentsView?>(q => q.ForAsync(model, range.From, range.To, KpiMath.DefaultThreshold, cancellationToken));
        var kpis = kept is null
            ? Read<KpiQueries, KpiView?>(q => q.DailyAsync(model, Math.Max(days, 7), KpiMath.DefaultThreshold, zone, end, cancellationToken))
            : Task.FromResult(kept.Kpis);
        var accuracy = kept is null
            ? Read<AccuracyQueries, AccuracyView?>(async q => (await q.DailyAsync(model, null, Math.Max(days, 7), zone, end, cancellationToken)).View)
            : Task.FromResult(kept.Accuracy);
        var performance = kept is null
            ? Read<PerformanceQueries, PerformanceReport?>(async q => (await q.ForAsync(model, null, range.Length, end, cancellationToken)).View?.Report)
            : Task.FromResult(kept.Performance);
        var points = kept is null
            ? Read<DriftHistory, IReadOnlyList<DriftPointView>>(q => q.ForAsync(model, range.From, range.To, cancellationToken))
            : Task.FromResult(kept.Points);
        await Task.WhenAll(metrics, segments, kpis, accuracy, performance, points);
        return new MonitoringPageData(await metrics, await segments, await kpis, await accuracy, await performance, await points);
    }

    Task<T> Read<TQueries, T>(Func<TQueries, Task<T>> read) where TQueries : notnull => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TQueries>());
    });
}
