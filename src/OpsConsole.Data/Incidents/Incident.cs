using OpsConsole.Alerting;

namespace OpsConsole.Incidents;

/// <summary>
/// An incident: a numbered problem with a severity, a lifecycle, people on it, the models it touches, and a timeline
/// of everything that happened. <see cref="Revision"/> is a concurrency token, so when two engineers edit the same
/// incident the second gets a conflict instead of silently overwriting the first.
/// </summary>
public class Incident
{
    public long Id { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public Severity Severity { get; set; }
    public IncidentStatus Status { get; set; }
    public IncidentSource Source { get; set; }
    public string? GroupKey { get; set; }
    public bool IsDrill { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? MitigatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Commander { get; set; }

    /// <summary>Who works the incident (emails). The on-call module will fill this from the rotation.</summary>
    public List<string> Assignees { get; set; } = [];
    public string? RunbookSlug { get; set; }
    public int? RunbookVersion { get; set; }
    public string? RunbookUrl { get; set; }

    /// <summary>The plain-language summary for stakeholders: business impact and what is being done.</summary>
    public string StakeholderUpdate { get; set; } = "";
    public DateTimeOffset? StakeholderUpdatedAt { get; set; }

    /// <summary>When an alert rule rolled a model back for this incident: at most once per incident.</summary>
    public DateTimeOffset? AutoRollbackAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<IncidentModel> Models { get; set; } = [];
    public int Revision { get; set; }

    public IncidentMilestones Milestones => new(OpenedAt, AcknowledgedAt, MitigatedAt, ResolvedAt);
}

/// <summary>A model (and version, when known) an incident affects.</summary>
public class IncidentModel
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string Model { get; set; }
    public int? Version { get; set; }
}
