namespace OpsConsole.Monitoring;

/// <summary>
/// The distances and tests of STATISTICS.md on binned counts or sorted numbers. Pure functions; the p-value
/// distributions live in <see cref="KolmogorovSmirnovDistribution"/> and <see cref="SpecialFunctions"/>.
/// </summary>
public static class DriftStatistics
{
    /// <summary>
    /// STATISTICS.md's fill, each side on its own: zeros become m/10⁶ when the smallest non-zero share m is at most
    /// 0.0001, else 0.0001. Used by PSI and KL only.
    /// </summary>
    public static double[] Filled(double[] shares)
    {
        var smallest = shares.Where(s => s > 0).DefaultIfEmpty(0).Min();
        var fill = smallest > 0 && smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return [.. shares.Select(s => s > 0 ? s : fill)];
    }

    public static double[] Shares(double[] counts)
    {
        var total = counts.Sum();
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }

    /// <summary>PSI = Σ (r − c)·ln(r / c) on filled shares, not re-normalised.</summary>
    public static double Psi(BinnedCounts counts)
    {
        var r = Filled(Shares(counts.Reference));
        var c = Filled(Shares(counts.Current));
        var psi = 0.0;
        for (var i = 0; i < r.Length; i++) psi += (r[i] - c[i]) * Math.Log(r[i] / c[i]);
        return psi;
    }

    /// <summary>KL(reference ‖ current) on filled shares re-normalised to sum 1.</summary>
    public static double Kl(BinnedCounts counts)
    {
        var r = Shares(Filled(Shares(counts.Reference)));
        var c = Shares(Filled(Shares(counts.Current)));
        var kl = 0.0;
        for (var i = 0; i < r.Length; i++) kl += r[i] * Math.Log(r[i] / c[i]);
        return kl;
    }

    /// <summary>Jensen–Shannon distance with natural logs, no fill: √(½KL(r‖m) + ½KL(c‖m)), m = (r + c)/2.</summary>
    public static double Js(BinnedCounts counts)
    {
        var r = Shares(counts.Reference);
        var c = Shares(counts.Current);
        var divergence = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var m = (r[i] + c[i]) / 2;
            if (r[i] > 0) divergence += 0.5 * r[i] * Math.Log(r[i] / m);
            if (c[i] > 0) divergence += 0.5 * c[i] * Math.Log(c[i] / m);
        }
        return Math.Sqrt(Math.Max(0, divergence));
    }

    /// <summary>χ² test of homogeneity on the 2×k table, no continuity correction; (0, 1) for a single category.</summary>
    public static (double Statistic, double PValue) ChiSquare(BinnedCounts counts)
    {
        var k = counts.Bins.Count;
        double nr = counts.Reference.Sum(), nc = counts.Current.Sum(), n = nr + nc;
        var statistic = 0.0;
        var used = 0;
        for (var i = 0; i < k; i++)
        {
            var column = counts.Reference[i] + counts.Current[i];
            if (column == 0) continue;
            used++;
            var er = nr * column / n;
            var ec = nc * column / n;
            statistic += (counts.Reference[i] - er) * (counts.Reference[i] - er) / er + (counts.Current[i] - ec) * (counts.Current[i] - ec) / ec;
        }
        return used <= 1 ? (0, 1) : (statistic, SpecialFunctions.ChiSquareSurvival(statistic, used - 1));
    }

    /// <summary>
    /// Pooled two-proportion z-test on the share of the first bin (the first value in sorted order); p = 2(1 − Φ(|z|)),
    /// and 1 when the pooled share is 0 or 1 (both sides hold the same single value).
    /// </summary>
    public static (double Statistic, double PValue) Z(BinnedCounts counts)
    {
        double nr = counts.Reference.Sum(), nc = counts.Current.Sum();
        var pr = counts.Reference[0] / nr;
        var pc = counts.Current[0] / nc;
        var pooled = (counts.Reference[0] + counts.Current[0]) / (nr + nc);
        var variance = pooled * (1 - pooled) * (1 / nr + 1 / nc);
        if (variance <= 0) return (0, 1);
        var z = (pr - pc) / Math.Sqrt(variance);
        return (z, SpecialFunctions.NormalTwoSidedP(z));
    }

    /// <summary>W1 between the empirical distributions (both sorted), divided by max(population std of reference, 0.001).</summary>
    public static double WassersteinNormed(double[] reference, double[] current)
    {
        var std = PopulationStd(reference);
        return Wasserstein1(reference, current) / Math.Max(std, 0.001);
    }

    /// <summary>∫|F_r − F_c| over the merged sorted values.</summary>
    public static double Wasserstein1(double[] reference, double[] current)
    {
        int i = 0, j = 0;
        double total = 0, previous = Math.Min(reference[0], current[0]);
        while (i < reference.Length || j < current.Length)
        {
            var x = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            total += Math.Abs((double)i / reference.Length - (double)j / current.Length) * (x - previous);
            while (i < reference.Length && reference[i] == x) i++;
            while (j < current.Length && current[j] == x) j++;
            previous = x;
        }
        return total;
    }

    /// <summary>The two-sample Kolmogorov–Smirnov D: the largest gap between the empirical CDFs (both sorted).</summary>
    public static double KsStatistic(double[] reference, double[] current)
    {
        int i = 0, j = 0;
        var d = 0.0;
        while (i < reference.Length && j < current.Length)
        {
            var x = Math.Min(reference[i], current[j]);
            while (i < reference.Length && reference[i] == x) i++;
            while (j < current.Length && current[j] == x) j++;
            d = Math.Max(d, Math.Abs((double)i / reference.Length - (double)j / current.Length));
        }
        return d;
    }

    public static double PopulationStd(double[] values)
    {
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Length);
    }
}
