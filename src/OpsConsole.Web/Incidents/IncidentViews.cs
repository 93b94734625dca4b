using System.Text.Json.Serialization;

namespace OpsConsole.Incidents;

/// <summary>An incident in a list, exactly the fields of DESIGN.md's <c>GET /api/incidents</c>, plus what the list page shows.</summary>
public sealed record IncidentView(int Number, string Title, string Severity, string Status, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<string> Models, string Source, string? GroupKey, bool IsDrill,
    string? Commander, IReadOnlyList<string> Assignees, string StakeholderUpdate, double? MttaSeconds, double? MttrSeconds, int Revision)
{
    public static IncidentView From(Incident row) => new(row.Number, row.Title, IncidentRules.Name(row.Severity), IncidentLifecycle.Name(row.Status),
        row.OpenedAt, row.AcknowledgedAt, row.MitigatedAt, row.ResolvedAt,
        [.. row.Models.Select(m => m.Version is { } v ? $"{m.Model}:v{v}" : m.Model).Order(StringComparer.Ordinal)],
        SourceName(row.Source), row.GroupKey, row.IsDrill, row.Commander, row.Assignees, row.StakeholderUpdate,
        row.Milestones.TimeToAcknowledge?.TotalSeconds, row.Milestones.TimeToResolve?.TotalSeconds, row.Revision);

    public static string SourceName(IncidentSource source) => source.ToString().ToLowerInvariant();
}

/// <summary>One timeline entry as sent to the UI and API (UTC; pages show it in the viewer's zone).</summary>
public sealed record TimelineEntryView(DateTimeOffset At, string Kind, string Actor, string Text);

/// <summary>An alert group linked to the incident, with its alerts.</summary>
public sealed record AlertGroupView(long Id, string GroupKey, string Source, string Title, string Severity, string? Model, bool IsOpen,
    DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? RunbookUrl, string? ExternalUrl, IReadOnlyList<GroupAlertView> Alerts);

public sealed record GroupAlertView(string Fingerprint, IReadOnlyDictionary<string, string> Labels, string? Summary, bool IsResolved,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, double? Value);

/// <summary>A ticked runbook step: who and when.</summary>
public sealed record StepCheckView(int Index, string Text, string CheckedBy, DateTimeOffset CheckedAt);

/// <summary>
/// An incident with everything its page shows: the list fields at the top level (so <c>GET /api/incidents/{number}</c>
/// is a list item plus more), the timeline, alert groups, runbook progress and the statuses it may move to next.
/// </summary>
public sealed record IncidentDetailView([property: JsonIgnore] IncidentView Incident, IReadOnlyList<TimelineEntryView> Timeline, IReadOnlyList<AlertGroupView> AlertGroups,
    string? RunbookSlug, int? RunbookVersion, string? RunbookUrl, IReadOnlyList<StepCheckView> Steps, IReadOnlyList<string> NextStatuses)
{
    public int Number => Incident.Number;
    public string Title => Incident.Title;
    public string Severity => Incident.Severity;
    public string Status => Incident.Status;
    public DateTimeOffset OpenedAt => Incident.OpenedAt;
    public DateTimeOffset? AcknowledgedAt => Incident.AcknowledgedAt;
    public DateTimeOffset? MitigatedAt => Incident.MitigatedAt;
    public DateTimeOffset? ResolvedAt => Incident.ResolvedAt;
    public IReadOnlyList<string> Models => Incident.Models;
    public string Source => Incident.Source;
    public string? GroupKey => Incident.GroupKey;
    public bool IsDrill => Incident.IsDrill;
    public string? Commander => Incident.Commander;
    public IReadOnlyList<string> Assignees => Incident.Assignees;
    public string StakeholderUpdate => Incident.StakeholderUpdate;
    public double? MttaSeconds => Incident.MttaSeconds;
    public double? MttrSeconds => Incident.MttrSeconds;
    public int Revision => Incident.Revision;
}
