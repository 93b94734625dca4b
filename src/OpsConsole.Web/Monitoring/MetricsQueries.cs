using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>
/// One step of the metrics series, merged from the minute rollups inside it. Errors are counted by kind
/// (<see cref="ServiceErrorKinds"/>; violations are fields, the rest requests); cost is per 1,000 predictions.
/// </summary>
public sealed record MetricsPoint(DateTimeOffset Start, long Predictions, double? P50Ms, double? P95Ms, double? P99Ms, double? MeanConfidence,
    IReadOnlyDictionary<string, long> ServedBy, IReadOnlyDictionary<string, long> Labels, IReadOnlyDictionary<string, long> Errors,
    double InferenceMs, double? CostPer1000, double? LowConfidenceShare);

/// <summary>A promotion, rollback or canary change: every time chart marks it.</summary>
public sealed record DeploymentMarker(DateTimeOffset At, int Version, string From, string To, bool IsRollback, string Actor, string Reason);

/// <summary>The series with the range's totals: contract violations per feature, CPU-hours and cost at the configured price.</summary>
public sealed record MetricsView(string Model, DateTimeOffset From, DateTimeOffset To, int StepMinutes, string? Segment, IReadOnlyList<MetricsPoint> Points,
    IReadOnlyList<DeploymentMarker> Deployments, IReadOnlyDictionary<string, long> ViolationsByFeature, double CpuHours, double PricePerCpuHour, double? CostPer1000,
    double LowConfidenceThreshold);

/// <summary>
/// Time series for the monitoring pages, read from the per-minute rollups (never from the raw prediction log): cells in
/// a step are merged, so latency percentiles come from merged histograms, never from averaged percentiles. Serving
/// errors come from <see cref="ServiceErrorRollup"/>; they carry no segment, so a segment filter leaves them out.
/// </summary>
public sealed class MetricsQueries(OpsDbContext db, IOptions<MonitoringOptions> options)
{
    public const int MaxPoints = 1500;

    /// <summary>Below this confidence a prediction is low-confidence: the complement of the KPI pages' confident rate at their default threshold (a 0.05 grid point, so the rollup bins answer it exactly).</summary>
    public const double LowConfidenceThreshold = 0.8;

    public async Task<MetricsView?> SeriesAsync(string model, DateTimeOffset from, DateTimeOffset to, int stepMinutes, string? segment, CancellationToken cancellationToken)
    {
        var id = await db.Models.Where(m => m.Name == model).Select(m => (long?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        // Steps of an hour or more start on the hour, so an hour cell (compacted rollups) falls in the step it belongs to.
        var start = stepMinutes >= 60 ? RollupKey.HourOf(from) : RollupKey.MinuteOf(from);
        // The figures only, not the key columns, each row added to its step as it arrives (RollupCellSum).
        var rows = db.PredictionRollups.AsNoTracking()
            .Where(r => r.Model == model && r.MinuteStart >= start && r.MinuteStart < to && (segment == null || r.Segment == segment))
            .Select(r => new StoredRollup(r.MinuteStart, r.Count, r.LatencyJson, r.ConfidenceSum, r.ConfidenceCount, r.LabelsJson, r.ServedByJson,
                r.ConfidenceBinsJson, r.InferenceMs));
        var errors = segment is not null ? [] : await db.ServiceErrorRollups.AsNoTracking()
            .Where(r => r.Model == model && r.MinuteStart >= start && r.MinuteStart < to)
            .Select(r => new { r.MinuteStart, r.Kind, r.Feature, r.Count }).ToListAsync(cancellationToken);
        var price = options.Value.PriceFor(model);
        var step = TimeSpan.FromMinutes(stepMinutes);
        DateTimeOffset StepOf(DateTimeOffset minute) => start + step * Math.Floor((minute - start) / step);
        var errorsByStep = errors.GroupBy(e => StepOf(e.MinuteStart)).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, long>)g.GroupBy(e => e.Kind).ToDictionary(k => k.Key, k => k.Sum(e => e.Count), StringComparer.Ordinal));
        var sums = new Dictionary<DateTimeOffset, RollupCellSum>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = StepOf(row.MinuteStart);
            if (!sums.TryGetValue(key, out var sum)) sums[key] = sum = new RollupCellSum();
            sum.Add(row);
        }
        var cells = sums.ToDictionary(s => s.Key, s => s.Value.ToCell());
        var (totalCount, totalInferenceMs) = (0L, 0.0);
        foreach (var cell in cells.Values) (totalCount, totalInferenceMs) = (totalCount + cell.Count, totalInferenceMs + cell.InferenceMs);
        var points = cells.Keys.Union(errorsByStep.Keys).Order().Select(key =>
        {
            var cell = cells.GetValueOrDefault(key) ?? new RollupCell();
            double? Q(double q) => cell.Latency.Count == 0 ? null : cell.Latency.Quantile(q);
            return new MetricsPoint(key, cell.Count, Q(0.5), Q(0.95), Q(0.99), cell.ConfidenceCount == 0 ? null : cell.ConfidenceSum / cell.ConfidenceCount,
                cell.ServedBy, cell.Labels, errorsByStep.GetValueOrDefault(key) ?? new Dictionary<string, long>(), cell.InferenceMs,
                CostMath.PerThousand(cell.InferenceMs, cell.Count, price), LowShare(cell));
        }).ToList();
        var violations = errors.Where(e => e.Kind == ServiceErrorKinds.Violation).GroupBy(e => e.Feature)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Count), StringComparer.Ordinal);
        var deployments = (await db.PromotionLog.AsNoTracking().Where(e => e.ModelId == id && e.At >= from && e.At < to).OrderBy(e => e.At).ToListAsync(cancellationToken))
            .ConvertAll(e => new DeploymentMarker(e.At, e.Version, ModelStages.Name(e.FromStage), ModelStages.Name(e.ToStage), e.IsRollback, e.Actor, e.Reason));
        return new MetricsView(model, from, to, stepMinutes, segment, points, deployments, violations, CostMath.CpuHours(totalInferenceMs), price,
            CostMath.PerThousand(totalInferenceMs, totalCount, price), LowConfidenceThreshold);
    }

    static double? LowShare(RollupCell cell) =>
        cell.ConfidenceCount == 0 ? null : (double)(cell.ConfidenceCount - cell.ConfidentAtLeast(LowConfidenceThreshold)) / cell.ConfidenceCount;
}
