using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

public sealed record KpiView(string Model, double Threshold, string TimeZone, IReadOnlyList<DailyKpi> Days);

/// <summary>
/// Daily business KPIs from the minute rollups (never the raw log), with days cut in the caller's time zone. The
/// threshold is applied on the rollups' 0.05 confidence grid (rounded down to it).
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
        var counts = rows.GroupBy(r => KpiMath.LocalDay(r.MinuteStart, zone)).Select(g => new DayCounts(g.Key, g.Sum(r => r.Count), g.Sum(r => r.ConfidenceCount),
            g.Sum(r => RollupCell.ConfidentAtLeast(JsonSerializer.Deserialize<long[]>(r.ConfidenceBinsJson, Json), threshold))));
        var firstShown = KpiMath.LocalDay(now, zone).AddDays(-(days - 1));
        return new KpiView(model, threshold, zone.Id, [.. KpiMath.Daily(counts).Where(d => d.Day >= firstShown)]);
    }
}
