using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>
/// One alert: a rule on one scope (a feature, for per-feature rules), with the state the evaluator carries from one
/// evaluation to the next. Phase changes are audited; the figures written on every evaluation are bookkeeping.
/// </summary>
public class AlertInstance
{
    public long Id { get; set; }
    public long RuleId { get; set; }

    /// <summary>The scope as a stable text (model, version, segment, column), unique per rule.</summary>
    public required string ScopeKey { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public AlertPhase Phase { get; set; }
    public DateTimeOffset? ActiveAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? KeepFiringSince { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Why the last firing reached nobody (silenced, inhibited), or null.</summary>
    public string? MutedBy { get; set; }

    /// <summary>The alert group its current firing joined.</summary>
    public long? GroupId { get; set; }

    [NotAudited] public DateTimeOffset? LastEvaluatedAt { get; set; }
    [NotAudited] public double? LastValue { get; set; }
    [NotAudited] public long? LastDenominator { get; set; }

    /// <summary>A concurrency token: when two servers evaluate the same alert at once, only one write lands.</summary>
    [NotAudited] public int Revision { get; set; }
}
