using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Monitoring;

/// <summary>How often drift is recomputed and over how long a current window; how often the KPI gauges on /metrics are refreshed.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    [Range(1, 1440)]
    public int DriftIntervalMinutes { get; set; } = 15;

    [Range(1, 2160)]
    public int DriftWindowHours { get; set; } = 24;

    [Range(1, 3600)]
    public int KpiGaugeSeconds { get; set; } = 30;
}
