namespace OpsConsole.Alerting;

/// <summary>Where one alert (a rule on one scope) stands, as Prometheus names it.</summary>
public enum AlertPhase { Inactive, Pending, Firing }

/// <summary>What one evaluation did to the alert: the edges the rest of the console acts on (open or update an incident, notify).</summary>
public enum AlertTransition { None, BecamePending, PendingDropped, Fired, StillFiring, KeptFiring, Resolved }

/// <summary>
/// One alert's state between evaluations: its phase, when its condition started holding (<see cref="ActiveAt"/>), when
/// it fired, since when a firing alert's condition has failed (<see cref="KeepFiringSince"/>, for keep-firing), and when
/// it last resolved.
/// </summary>
public sealed record AlertState(AlertPhase Phase, DateTimeOffset? ActiveAt = null, DateTimeOffset? FiredAt = null, DateTimeOffset? KeepFiringSince = null,
    DateTimeOffset? ResolvedAt = null)
{
    public static AlertState Inactive { get; } = new(AlertPhase.Inactive);
}

/// <summary>A rule's timing: how long the condition must hold before the alert fires, and how long a firing alert stays firing once it fails.</summary>
public sealed record AlertTiming(TimeSpan For, TimeSpan KeepFiringFor)
{
    public static AlertTiming Immediate { get; } = new(TimeSpan.Zero, TimeSpan.Zero);
}
