using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Incidents;

/// <summary>Response-time trends over a period, for the incidents page and the API: overall, per severity, per model.</summary>
public sealed record IncidentStatsView(int Days, ResponseTimes Overall, IReadOnlyDictionary<string, ResponseTimes> BySeverity, IReadOnlyDictionary<string, ResponseTimes> ByModel);

/// <summary>Reads the period's incidents (drills left out: a drill's response time is the drill report's business) and hands them to <see cref="IncidentTrends"/>.</summary>
public sealed class IncidentStats(OpsDbContext db, TimeProvider time)
{
    public async Task<IncidentStatsView> SummaryAsync(int days, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-days);
        var rows = await db.Incidents.AsNoTracking().Include(i => i.Models).Where(i => !i.IsDrill && i.OpenedAt >= since).ToListAsync(cancellationToken);
        var samples = rows.ConvertAll(i => new IncidentSample(i.Severity, [.. i.Models.Select(m => m.Model)], i.Milestones));
        return new IncidentStatsView(days, IncidentTrends.Of(samples), IncidentTrends.BySeverity(samples), IncidentTrends.ByModel(samples));
    }
}
