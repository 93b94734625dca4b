using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

public sealed record KpiView(string Model, double Threshold, string TimeZone, IReadOnlyList<DailyKpi> Days);

/// <summary>
/// Daily business KPIs from the minute rollups (never the raw log), with days cut in the caller's time zone. The
/// threshold is applied on the rollups' 0.05 confidence grid (rounded down to it). The correction rate comes from the
/// reviews made each day (a small table of its own), each reviewed prediction counted once a day by its latest review
/// that day; the baseline pools those daily counts, so a prediction reviewed on two of its days counts on both.
/// </summary>
public sealed class KpiQueries(OpsDbContext db)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<KpiView?> DailyAsync(string model, int days, double threshold, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.Models.AnyAsync(m => m.Name == model, cancellationToken)) return null;
        // The baseline of the first day shown needs the seven days before it.
        var from = now.AddDays(-(days + KpiMath.BaselineDays + 1));
        // Only the columns a KPI needs: reading whole cells parsed each one's latency histogram and label counts too, most
        // of the query's time over two weeks of minutes (docs/benchmarks.md, dashboard queries).
        var rows = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.MinuteStart >= from)
            .Select(r => new { r.MinuteStart, r.Count, r.ConfidenceCount, r.ConfidenceBinsJson }).ToListAsync(cancellationToken);
        var reviews = (await Reviews(model, null, null, from, now).ToListAsync(cancellationToken))
            .GroupBy(r => KpiMath.LocalDay(r.ReviewedAt, zone)).ToDictionary(g => g.Key, g => KpiMath.ReviewCounts(g.Select(r => (r.PredictionId, r.Id, r.Changed))));
        var predictions = rows.GroupBy(r => KpiMath.LocalDay(r.MinuteStart, zone)).ToDictionary(g => g.Key, g => (Volume: g.Sum(r => r.Count),
            WithConfidence: g.Sum(r => r.ConfidenceCount), Confident: g.Sum(r => RollupCell.ConfidentAtLeast(JsonSerializer.Deserialize<long[]>(r.ConfidenceBinsJson, Json), threshold))));
        // A day can have reviews and no traffic (a reviewer catching up), or traffic and no reviews.
        var counts = predictions.Keys.Union(reviews.Keys).Select(day =>
        {
            var p = predictions.GetValueOrDefault(day);
            var r = reviews.GetValueOrDefault(day);
            return new DayCounts(day, p.Volume, p.WithConfidence, p.Confident, r.Reviewed, r.Corrected);
        });
        var firstShown = KpiMath.LocalDay(now, zone).AddDays(-(days - 1));
        return new KpiView(model, threshold, zone.Id, [.. KpiMath.Daily(counts).Where(d => d.Day >= firstShown)]);
    }

    /// <summary>Reviewed and corrected predictions among the reviews made in [from, to), of one version and segment when given.</summary>
    public async Task<(long Reviewed, long Corrected)> ReviewCountsAsync(string model, int? version, string? segment, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) =>
        KpiMath.ReviewCounts((await Reviews(model, version, segment, from, to).ToListAsync(cancellationToken)).Select(r => (r.PredictionId, r.Id, r.Changed)));

    IQueryable<ReviewRow> Reviews(string model, int? version, string? segment, DateTimeOffset from, DateTimeOffset to) =>
        db.PredictionReviews.AsNoTracking()
            .Where(r => r.Model == model && r.ReviewedAt >= from && r.ReviewedAt < to && (version == null || r.Version == version) && (segment == null || r.Segment == segment))
            .Select(r => new ReviewRow(r.Id, r.PredictionId, r.ReviewedAt, r.Changed));

    sealed record ReviewRow(long Id, string PredictionId, DateTimeOffset ReviewedAt, bool Changed);
}
