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
        var rows = db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.MinuteStart >= start && r.MinuteStart < to)
            .Select(r => new
            {
                r.Segment,
                Figures = new StoredRollup(r.MinuteStart, r.Count, r.LatencyJson, r.ConfidenceSum, r.ConfidenceCount, r.LabelsJson, r.ServedByJson,
                    r.ConfidenceBinsJson, r.InferenceMs),
            });
        // The whole is summed from the rows, not from the segments, so its figures keep the rows' order of addition;
        // a segment's row is read once for both sums.
        var whole = new RollupCellSum();
        var sums = new Dictionary<string, RollupCellSum>(StringComparer.Ordinal);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Segment.Length == 0)
            {
                whole.Add(row.Figures);
                continue;
            }
            if (!sums.TryGetValue(row.Segment, out var segment)) sums[row.Segment] = segment = new RollupCellSum();
            RollupCellSum.AddTo(row.Figures, whole, segment);
        }
        var segments = sums.ToDictionary(s => s.Key, s => s.Value.ToCell(), StringComparer.Ordinal);
        // The busiest segments are compared; a long tail of tiny ones would only add noise to the ranking.
        var kept = segments.OrderByDescending(s => s.Value.Count).Take(MaxSegments).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var all = whole.ToCell();
        return new SegmentsView(model, from, to, all.Count, confidentAt,
            all.ConfidenceCount == 0 ? null : all.ConfidenceSum / all.ConfidenceCount,
            all.ConfidenceCount == 0 ? null : (double)all.ConfidentAtLeast(confidentAt) / all.ConfidenceCount,
            SegmentComparison.Rank(all, kept, confidentAt));
    }
}
