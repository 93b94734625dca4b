namespace OpsConsole.Alerting;

/// <summary>A stored rule as the API and the alerts page show it.</summary>
public sealed record AlertRuleView(long Id, string Name, string? Template, string Signal, string Model, int? Version, string? Segment, string? Column, string? Method,
    string Comparator, double Threshold, int WindowMinutes, int ForSeconds, int KeepFiringForSeconds, int? NoDataMinutes, long MinimumDenominator, string Severity,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> GroupBy, string? Runbook, bool OpensIncident, bool Notifies, bool RollsBack,
    bool RequestsRetraining, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, int Revision)
{
    public static AlertRuleView From(AlertRule r) => new(r.Id, r.Name, r.TemplateId, r.Signal, r.Model, r.Version, r.Segment, r.Column, r.Method,
        RuleDefinitions.ComparatorName(r.Comparator), r.Threshold, r.WindowMinutes, r.ForSeconds, r.KeepFiringForSeconds, r.NoDataMinutes, r.MinimumDenominator,
        Incidents.IncidentRules.Name(r.Severity), r.Labels, r.GroupBy, r.RunbookSlug, r.OpensIncident, r.Notifies, r.RollsBack, r.RequestsRetraining, r.IsEnabled,
        r.CreatedAt, r.CreatedBy, r.UpdatedAt, r.Revision);
}

/// <summary>
/// One alert instance (DESIGN.md's <c>GET /api/alerts</c>): its rule, scope, <c>state</c> (pending, firing or resolved),
/// the last value seen, and whether a silence or an open SEV1 muted it.
/// </summary>
public sealed record AlertView(long Id, long RuleId, string Rule, string Severity, string Model, IReadOnlyDictionary<string, string> Labels, string State,
    DateTimeOffset? ActiveAt, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt, double? Value, long? Denominator, DateTimeOffset? LastEvaluatedAt,
    string? MutedBy, int? IncidentNumber);

/// <summary>A silence with its state now (pending, active, expired).</summary>
public sealed record SilenceView(long Id, IReadOnlyList<MatcherView> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment,
    DateTimeOffset CreatedAt, string State);

/// <summary>A matcher in the API's form: <c>{ "name", "operator": "=", "!=", "=~" or "!~", "value" }</c>, as Alertmanager writes them.</summary>
public sealed record MatcherView(string Name, string Operator, string Value);

/// <summary>A silence as requested: matchers, a window (start defaults to now), and why.</summary>
public sealed record NewSilence(IReadOnlyList<MatcherView>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Comment);
