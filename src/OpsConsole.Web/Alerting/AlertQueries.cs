using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Alerting;

/// <summary>The current alerts for the API and the alerts page: pending and firing ones, and those that resolved and have not fired since.</summary>
public sealed class AlertQueries(OpsDbContext db)
{
    public async Task<List<AlertView>> AlertsAsync(string? model, string? state, CancellationToken cancellationToken)
    {
        var rows = await db.AlertInstances.AsNoTracking().Join(db.AlertRules.AsNoTracking(), a => a.RuleId, r => r.Id, (a, r) => new { Alert = a, Rule = r })
            .Where(x => model == null || x.Rule.Model == model).Where(x => x.Alert.Phase != AlertPhase.Inactive || x.Alert.ResolvedAt != null)
            .ToListAsync(cancellationToken);
        var groupIds = rows.Select(x => x.Alert.GroupId).OfType<long>().Distinct().ToList();
        var incidentsByGroup = await db.AlertGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && g.IncidentId != null)
            .Join(db.Incidents.AsNoTracking(), g => g.IncidentId, i => i.Id, (g, i) => new { g.Id, i.Number }).ToDictionaryAsync(x => x.Id, x => x.Number, cancellationToken);
        return [.. rows.Select(x => new AlertView(x.Alert.Id, x.Rule.Id, x.Rule.Name, Incidents.IncidentRules.Name(x.Rule.Severity), x.Rule.Model, x.Alert.Labels, State(x.Alert.Phase),
                x.Alert.ActiveAt, x.Alert.FiredAt, x.Alert.ResolvedAt, x.Alert.LastValue, x.Alert.LastDenominator, x.Alert.LastEvaluatedAt, x.Alert.MutedBy,
                x.Alert.GroupId is { } g && incidentsByGroup.TryGetValue(g, out var n) ? n : null))
            .Where(a => state == null || a.State == state)
            .OrderBy(a => a.State switch { "firing" => 0, "pending" => 1, _ => 2 }).ThenBy(a => a.Severity, StringComparer.Ordinal).ThenByDescending(a => a.FiredAt ?? a.ActiveAt ?? a.ResolvedAt)];
    }

    public static string State(AlertPhase phase) => phase switch { AlertPhase.Pending => "pending", AlertPhase.Firing => "firing", _ => "resolved" };

    public static readonly IReadOnlyList<string> States = ["pending", "firing", "resolved"];
}
