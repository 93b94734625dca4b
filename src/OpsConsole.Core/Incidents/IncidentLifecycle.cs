namespace OpsConsole.Incidents;

/// <summary>Where an incident stands, in the order an incident normally moves.</summary>
public enum IncidentStatus { Triggered, Acknowledged, Investigating, Mitigated, Resolved }

/// <summary>Where an incident came from: a console rule, a Prometheus alert through Alertmanager, a person, or a drill.</summary>
public enum IncidentSource { Rule, Alertmanager, Manual, Drill }

/// <summary>
/// Which status changes an incident allows. Forward moves may skip steps (an obvious false alarm goes straight from
/// triggered to resolved, as PagerDuty allows); a mitigated incident may fall back to investigating when the fix did not
/// hold; a resolved one may be reopened, and then someone is on it, so it reopens as investigating. Nothing else goes
/// backwards: an acknowledgement cannot be taken back, because MTTA would stop meaning anything.
/// </summary>
public static class IncidentLifecycle
{
    public static bool CanMove(IncidentStatus from, IncidentStatus to) => (from, to) switch
    {
        _ when from == to => false,
        (IncidentStatus.Resolved, IncidentStatus.Investigating) => true,
        (IncidentStatus.Resolved, _) => false,
        (IncidentStatus.Mitigated, IncidentStatus.Investigating) => true,
        _ => to > from,
    };

    /// <summary>Why the move is refused, in words for a ProblemDetails answer; null when it is allowed.</summary>
    public static string? Refusal(IncidentStatus from, IncidentStatus to)
    {
        if (CanMove(from, to)) return null;
        if (from == to) return $"The incident is already {Name(from)}.";
        if (from == IncidentStatus.Resolved) return "A resolved incident can only be reopened, as investigating.";
        return $"An incident cannot go back from {Name(from)} to {Name(to)}; allowed next: {string.Join(", ", Next(from).Select(Name))}.";
    }

    public static IReadOnlyList<IncidentStatus> Next(IncidentStatus from) => [.. Enum.GetValues<IncidentStatus>().Where(to => CanMove(from, to))];

    public static bool IsOpen(IncidentStatus status) => status != IncidentStatus.Resolved;

    /// <summary>The contract's lower-case name (DESIGN.md: triggered, acknowledged, ...).</summary>
    public static string Name(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static IncidentStatus? Parse(string? name) =>
        Enum.TryParse<IncidentStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(name, out _) ? status : null;

    /// <summary>
    /// The milestone times after a move at <paramref name="now"/>: acknowledged is the first move past triggered,
    /// mitigated the first move to mitigated or beyond, resolved the latest resolution (a reopen clears it, so MTTR
    /// measures to the resolution that held).
    /// </summary>
    public static IncidentMilestones After(IncidentMilestones times, IncidentStatus to, DateTimeOffset now) => times with
    {
        AcknowledgedAt = times.AcknowledgedAt ?? (to > IncidentStatus.Triggered ? now : null),
        MitigatedAt = times.MitigatedAt ?? (to >= IncidentStatus.Mitigated ? now : null),
        ResolvedAt = to == IncidentStatus.Resolved ? now : null,
    };
}

/// <summary>When an incident was opened, first acknowledged, first mitigated and (last) resolved.</summary>
public sealed record IncidentMilestones(DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt)
{
    /// <summary>Mean time to acknowledge, for this incident: opened → first acknowledgement.</summary>
    public TimeSpan? TimeToAcknowledge => AcknowledgedAt - OpenedAt;

    public TimeSpan? TimeToMitigate => MitigatedAt - OpenedAt;

    /// <summary>Time to resolve: opened → the resolution that held.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt - OpenedAt;
}
