namespace OpsConsole.Monitoring;

/// <summary>A proportion's confidence interval, both ends in 0..1.</summary>
public sealed record ProportionInterval(double Low, double High);

/// <summary>
/// STATISTICS.md's Wilson score interval for a proportion: unlike the normal approximation it stays inside 0..1 and is
/// honest for small counts and for rates near 0, which is where correction rates live (6 of 200 → 1.4–6.4 %).
/// </summary>
public static class WilsonInterval
{
    /// <summary>z of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; null without trials.</summary>
    public static ProportionInterval? Of(long successes, long trials, double z = Z95)
    {
        if (trials <= 0) return null;
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double n = trials, p = successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At 0 and n the formula's end is exactly 0 or 1 in exact arithmetic; clamp the rounding.
        return new ProportionInterval(successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }
}
