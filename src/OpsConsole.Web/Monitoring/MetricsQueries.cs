using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>One step of the metrics series, merged from the minute rollups inside it.</summary>
public sealed record MetricsPoint(DateTimeOffset Start, long Predictions, double? P50Ms, double? P95Ms, double? P99Ms, double? MeanConfidence,
    IReadOnlyDictionary<string, long> ServedBy, IReadOnlyDictionary<string, long> Labels);

/// <summary>A promotion, rollback or canary change: every time chart marks it.</summary>
public sealed record DeploymentMarker(DateTimeOffset At, int Version, string From, string To, bool IsRollback, string Actor, string Reason);

public sealed record MetricsView(string Model, DateTimeOffset From, DateTimeOffset To, int StepMinutes, string? Segment, IReadOnlyList<MetricsPoint> Points, IReadOnlyList<DeploymentMarker> Deployments);

/// <summary>
/// Time series for the monitoring pages, read from the per-minute rollups (never from the raw prediction log): cells in
/// a step are merged, so latency percentiles come from merged histograms, never from averaged percentiles.
/// </summary>
public sealed class MetricsQueries(OpsDbContext db)
{
    public const int MaxPoints = 1500;

    public async Task<MetricsView?> SeriesAsync(string model, DateTimeOffset from, DateTimeOffset to, int stepMinutes, string? segment, CancellationToken cancellationToken)
    {
        var id = await db.Models.Where(m => m.Name == model).Select(m => (long?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var start = RollupKey.MinuteOf(from);
        var rows = await db.PredictionRollups.AsNoTracking()
            .Where(r => r.Model == model && r.MinuteStart >= start && r.MinuteStart < to && (segment == null || r.Segment == segment))
            .ToListAsync(cancellationToken);
        var step = TimeSpan.FromMinutes(stepMinutes);
        var points = rows.GroupBy(r => start + step * Math.Floor((r.MinuteStart - start) / step)).OrderBy(g => g.Key).Select(g =>
        {
            var cell = new RollupCell();
            foreach (var r in g) cell.Merge(RollupMaintenance.Read(r));
            double? Q(double q) => cell.Latency.Count == 0 ? null : cell.Latency.Quantile(q);
            return new MetricsPoint(g.Key, cell.Count, Q(0.5), Q(0.95), Q(0.99), cell.ConfidenceCount == 0 ? null : cell.ConfidenceSum / cell.ConfidenceCount, cell.ServedBy, cell.Labels);
        }).ToList();
        var deployments = (await db.PromotionLog.AsNoTracking().Where(e => e.ModelId == id && e.At >= from && e.At < to).OrderBy(e => e.At).ToListAsync(cancellationToken))
            .ConvertAll(e => new DeploymentMarker(e.At, e.Version, ModelStages.Name(e.FromStage), ModelStages.Name(e.ToStage), e.IsRollback, e.Actor, e.Reason));
        return new MetricsView(model, from, to, stepMinutes, segment, points, deployments);
    }
}
