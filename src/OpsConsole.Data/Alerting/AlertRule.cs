namespace OpsConsole.Alerting;

/// <summary>
/// A stored alert rule: one monitoring signal on one model's scope, judged against a threshold over a window, with
/// Prometheus's <c>for</c> and keep-firing timing, a severity, a runbook, and what to do when it fires.
/// </summary>
public class AlertRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? TemplateId { get; set; }
    public required string Signal { get; set; }
    public required string Model { get; set; }

    /// <summary>A version to watch; null follows whichever version is in production.</summary>
    public int? Version { get; set; }
    public string? Segment { get; set; }

    /// <summary>For per-feature signals: one feature, or null for every feature (each its own alert).</summary>
    public string? Column { get; set; }

    /// <summary>For drift signals: the statistic to judge (kl, psi, ...); null uses the column's configured method.</summary>
    public string? Method { get; set; }
    public Comparator Comparator { get; set; }
    public double Threshold { get; set; }
    public int WindowMinutes { get; set; }
    public int ForSeconds { get; set; }
    public int KeepFiringForSeconds { get; set; }

    /// <summary>When set, the rule also fires when the model logged nothing for this many minutes.</summary>
    public int? NoDataMinutes { get; set; }
    public long MinimumDenominator { get; set; } = AlertCondition.DefaultMinimumDenominator;
    public Severity Severity { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Labels that make the group key instead of the rule's scope; empty groups by scope.</summary>
    public List<string> GroupBy { get; set; } = [];
    public string? RunbookSlug { get; set; }
    public bool OpensIncident { get; set; }
    public bool Notifies { get; set; } = true;
    public bool RollsBack { get; set; }
    public bool RequestsRetraining { get; set; }
    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped on every edit; a concurrency token, so two people editing one rule cannot overwrite each other.</summary>
    public int Revision { get; set; }
}
