namespace OpsConsole.Monitoring;

/// <summary>Exact sample quantiles, Hyndman–Fan type 7 (linear interpolation between order statistics; numpy's default).</summary>
public static class Quantiles
{
    /// <summary>The q-quantile of values already sorted ascending; NaN for an empty list.</summary>
    public static double Type7(IReadOnlyList<double> sorted, double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var (t, a, b) = (h - lower, sorted[lower], sorted[upper]);
        // numpy interpolates from the nearer order statistic; doing the same keeps decile edges equal to the last bit,
        // which matters when a value sits exactly on an edge.
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
