using OpsConsole.Incidents;

namespace OpsConsole.Alerting;

/// <summary>
/// Alerts that share a group key, as one unit of attention (Grafana OnCall's alert group): a console rule's firings on
/// one scope, or one Alertmanager group. While open it holds <see cref="OpenKey"/>, which the database keeps unique, so
/// two evaluators firing at once cannot open two groups (or two incidents) for the same key.
/// </summary>
public class AlertGroup
{
    public long Id { get; set; }
    public required string GroupKey { get; set; }

    /// <summary>The group key while the group is open, null once resolved (a unique index over the non-null values).</summary>
    public string? OpenKey { get; set; }
    public IncidentSource Source { get; set; }
    public required string Title { get; set; }
    public Severity Severity { get; set; }
    public string? Model { get; set; }
    public long? RuleId { get; set; }
    public long? IncidentId { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public string? RunbookUrl { get; set; }
    public string? ExternalUrl { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public List<AlertGroupMember> Members { get; set; } = [];
}

/// <summary>One alert inside a group: a console alert instance or an Alertmanager alert (by fingerprint).</summary>
public class AlertGroupMember
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public required string Fingerprint { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Annotations { get; set; } = [];
    public bool IsResolved { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public double? Value { get; set; }
}
