namespace OpsConsole.Monitoring;

/// <summary>What inference costs, from the model run time the rollups keep and a price per CPU-hour.</summary>
public static class CostMath
{
    const double MsPerHour = 3_600_000;

    /// <summary>CPU-hours spent: run time is counted as one core busy for its duration.</summary>
    public static double CpuHours(double inferenceMs) => Math.Max(0, inferenceMs) / MsPerHour;

    /// <summary>Cost of 1,000 predictions at <paramref name="pricePerCpuHour"/>; null when nothing was predicted.</summary>
    public static double? PerThousand(double inferenceMs, long predictions, double pricePerCpuHour) =>
        predictions <= 0 ? null : CpuHours(inferenceMs) * pricePerCpuHour / predictions * 1000;
}
