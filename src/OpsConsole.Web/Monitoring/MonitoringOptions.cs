using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Monitoring;

/// <summary>How often drift is recomputed and over how long a current window; what a CPU-hour of inference costs; how often the KPI gauges on /metrics are refreshed.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    [Range(1, 1440)]
    public int DriftIntervalMinutes { get; set; } = 15;

    [Range(1, 2160)]
    public int DriftWindowHours { get; set; } = 24;

    /// <summary>Price of one CPU-hour of inference, in the team's currency, for the cost per 1,000 predictions.</summary>
    [Range(0, 1_000_000)]
    public double PricePerCpuHour { get; set; } = 0.05;

    /// <summary>Per-model prices that override <see cref="PricePerCpuHour"/> (e.g. a model served on GPU machines).</summary>
    public Dictionary<string, double> PricePerCpuHourByModel { get; set; } = new(StringComparer.Ordinal);

    public double PriceFor(string model) => PricePerCpuHourByModel.TryGetValue(model, out var price) ? price : PricePerCpuHour;

    [Range(1, 3600)]
    public int KpiGaugeSeconds { get; set; } = 30;

    /// <summary>Minute rollups older than this are merged into hour cells, so long ranges read 60 times fewer cells.</summary>
    [Range(2, 8760)]
    public int MinuteRollupHours { get; set; } = 48;
}
