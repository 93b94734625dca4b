using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

/// <summary>The segments of a range, with the whole's mean confidence and confident rate to read each segment's against.</summary>
public sealed record SegmentsView(string Model, DateTimeOffset From, DateTimeOffset To, long Predictions, double ConfidentAt, double? MeanConfidence, double? ConfidentRate,
    IReadOnlyList<SegmentFigures> Segments);

/// <summary>
/// The monitoring figures broken down by segment over a range, from the minute rollups, most different from the whole
/// first (<see cref="SegmentComparison"/>). Predictions sent without a segment count in the whole and are not a segment.
/// </summary>
public sealed class SegmentQueries(OpsDbContext db)
{
    public const int MaxSegments = 50;

    public async Task<SegmentsView?> ForAsync(string model, DateTimeOffset from, DateTimeOffset to, double confidentAt, CancellationToken cancellationToken)
    {
        if (!await db.Models.AnyAsync(m => m.Name == model, cancellationToken)) return null;
        var start = RollupKey.MinuteOf(from);
        var rows = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.MinuteStart >= start && r.MinuteStart < to).ToListAsync(cancellationToken);
        var whole = new RollupCell();
        var segments = new Dictionary<string, RollupCell>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cell = RollupMaintenance.Read(row);
            whole.Merge(cell);
            if (row.Segment.Length == 0) continue;
            if (!segments.TryGetValue(row.Segment, out var segment)) segments[row.Segment] = segment = new RollupCell();
            segment.Merge(cell);
        }
        // The busiest segments are compared; a long tail of tiny ones would only add noise to the ranking.
        var kept = segments.OrderByDescending(s => s.Value.Count).Take(MaxSegments).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return new SegmentsView(model, from, to, whole.Count, confidentAt,
            whole.ConfidenceCount == 0 ? null : whole.ConfidenceSum / whole.ConfidenceCount,
            whole.ConfidenceCount == 0 ? null : (double)whole.ConfidentAtLeast(confidentAt) / whole.ConfidenceCount,
            SegmentComparison.Rank(whole, kept, confidentAt));
    }
}
