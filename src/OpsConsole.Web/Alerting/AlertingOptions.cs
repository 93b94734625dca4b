using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Alerting;

/// <summary>The <c>Alerting</c> configuration section.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>How often the rules are evaluated (Prometheus's evaluation interval).</summary>
    [Range(1, 3600)]
    public int EvaluationSeconds { get; set; } = 15;

    /// <summary>How long a drift report, realized accuracy or daily KPI is reused by rules on the same model and window.</summary>
    [Range(0, 3600)]
    public int SlowSignalCacheSeconds { get; set; } = 60;
}
