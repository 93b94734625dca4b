using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

public sealed record KpiView(string Model, double Threshold, string TimeZone, IReadOnlyList<DailyKpi> Days);

/// <summary>
/// Daily business KPIs from the minute rollups (never the raw log), with days cut in the caller's time zone. The
/// threshold is applied on the rollups' 0.05 confidence grid (rounded down to it).
/// </summary>
public sealed class KpiQueries(OpsDbContext db)
{
    public async Task<KpiView?> DailyAsync(string model, int days, double threshold, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.Models.AnyAsync(m => m.Name == model, cancellationToken)) return null;
        // The baseline of the first day shown needs the seven days before it.
        var from = now.AddDays(-(days + KpiMath.BaselineDays + 1));
        var rows = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.MinuteStart >= from).ToListAsync(cancellationToken);
        var counts = rows.GroupBy(r => KpiMath.LocalDay(r.MinuteStart, zone)).Select(g =>
        {
            var cells = g.Select(RollupMaintenance.Read).ToList();
            return new DayCounts(g.Key, cells.Sum(c => c.Count), cells.Sum(c => c.ConfidenceCount), cells.Sum(c => c.ConfidentAtLeast(threshold)));
        });
        var firstShown = KpiMath.LocalDay(now, zone).AddDays(-(days - 1));
        return new KpiView(model, threshold, zone.Id, [.. KpiMath.Daily(counts).Where(d => d.Day >= firstShown)]);
    }
}
