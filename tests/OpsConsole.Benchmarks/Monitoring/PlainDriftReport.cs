namespace OpsConsole.Monitoring;

/// <summary>One column of the plain report: the method, its statistic and p-value (null where the method does not apply), the verdict.</summary>
public sealed record PlainColumnDrift(string Column, string Method, double? Statistic, double? PValue, bool Drift);

public sealed record PlainDriftResult(IReadOnlyList<PlainColumnDrift> Columns, double DriftShare);

/// <summary>
/// The baseline of <see cref="DriftReportBenchmarks"/>: the report's statistics written the straightforward way, with
/// default options (no Bonferroni, default thresholds). KS and Wasserstein sort copies of both sides and walk them
/// together; PSI, KL, JS and χ² find each number's bin by a linear scan over the bin edges, with no sorting; categories
/// are counted in a Dictionary. It shares only rules with the engine, never the data path: the auto rule
/// (<see cref="DriftMethods.Choose"/>), numpy's Sturges bin count (<see cref="DriftBins.Sturges"/>) and the p-value
/// distributions, whose cost does not grow with the rows. It handles what the benchmark's data holds: numeric columns
/// with more than 20 distinct reference values (equal-width bins), categorical columns of more than two values.
/// </summary>
public static class PlainDriftReport
{
    public static PlainDriftResult Run(DriftSample sample, string method)
    {
        var columns = new List<PlainColumnDrift>(sample.Names.Length);
        for (var f = 0; f < DriftSample.NumericFeatures; f++)
        {
            var (reference, current) = (sample.ReferenceNumbers[f], sample.CurrentNumbers[f]);
            var chosen = method == DriftMethods.Auto ? DriftMethods.Choose(ColumnType.Numeric, DistinctNumbers(reference, current), reference.Length) : method;
            columns.Add(Numeric(sample.Names[f], chosen, reference, current));
        }
        for (var f = 0; f < DriftSample.CategoricalFeatures; f++)
        {
            var (reference, current) = (sample.ReferenceCategories[f], sample.CurrentCategories[f]);
            var name = sample.Names[DriftSample.NumericFeatures + f];
            var chosen = method == DriftMethods.Auto ? DriftMethods.Choose(ColumnType.Categorical, DistinctCategories(reference, current), reference.Length) : method;
            columns.Add(DriftMethods.NeedsNumbers(chosen)
                ? new PlainColumnDrift(name, chosen, null, null, false)
                : Judge(name, chosen, CountCategories(reference, current)));
        }
        var judged = columns.Where(c => c.Statistic is not null).ToList();
        return new PlainDriftResult(columns, judged.Count == 0 ? 0 : (double)judged.Count(c => c.Drift) / judged.Count);
    }

    static PlainColumnDrift Numeric(string name, string method, double[] reference, double[] current)
    {
        var threshold = DriftMethods.DefaultThreshold(method);
        if (method == DriftMethods.Ks)
        {
            var (r, c) = (Sorted(reference), Sorted(current));
            var d = KsStatistic(r, c);
            var p = KolmogorovSmirnovDistribution.TwoSidedPValue(d, r.Length, c.Length);
            return new PlainColumnDrift(name, method, d, p, p < threshold);
        }
        if (method == DriftMethods.Wasserstein)
        {
            var (r, c) = (Sorted(reference), Sorted(current));
            var w = Wasserstein1(r, c) / Math.Max(PopulationStd(r), 0.001);
            return new PlainColumnDrift(name, method, w, null, w >= threshold);
        }
        return Judge(name, method, EqualWidthCounts(reference, current));
    }

    static PlainColumnDrift Judge(string name, string method, (double[] Reference, double[] Current) counts)
    {
        var threshold = DriftMethods.DefaultThreshold(method);
        if (method == DriftMethods.ChiSquare)
        {
            var (statistic, p) = ChiSquare(counts.Reference, counts.Current);
            return new PlainColumnDrift(name, method, statistic, p, p < threshold);
        }
        var value = method switch
        {
            DriftMethods.Psi => Psi(counts.Reference, counts.Current),
            DriftMethods.Kl => Kl(counts.Reference, counts.Current),
            DriftMethods.Js => Js(counts.Reference, counts.Current),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "The plain report computes psi, kl, js, ks, wasserstein and chisquare."),
        };
        return new PlainColumnDrift(name, method, value, null, value >= threshold);
    }

    static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    static int DistinctNumbers(double[] reference, double[] current)
    {
        var seen = new HashSet<double>(reference);
        seen.UnionWith(current);
        return seen.Count;
    }

    static int DistinctCategories(string[] reference, string[] current)
    {
        var seen = new HashSet<string>(reference, StringComparer.Ordinal);
        seen.UnionWith(current);
        return seen.Count;
    }

    // numpy.histogram's bins: Sturges' count over the combined range, edges lo + i·step with the last one at hi, each
    // bin [edge i, edge i+1) and the last closed.
    static (double[] Reference, double[] Current) EqualWidthCounts(double[] reference, double[] current)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var x in reference) (lo, hi) = (Math.Min(lo, x), Math.Max(hi, x));
        foreach (var x in current) (lo, hi) = (Math.Min(lo, x), Math.Max(hi, x));
        if (new HashSet<double>(reference.Take(1000)).Count <= DriftBins.MaxDistinctForValueBins)
        {
            throw new InvalidOperationException("The plain report bins continuous numbers only; this column has few distinct values.");
        }
        var bins = DriftBins.Sturges(reference.Length + current.Length, hi - lo);
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = lo + i * ((hi - lo) / bins);
        edges[bins] = hi;
        return (BinCounts(reference, edges), BinCounts(current, edges));
    }

    static double[] BinCounts(double[] values, double[] edges)
    {
        var bins = edges.Length - 1;
        var counts = new double[bins];
        foreach (var x in values)
        {
            var bin = bins - 1;
            for (var i = 0; i < bins - 1; i++)
            {
                if (x < edges[i + 1])
                {
                    bin = i;
                    break;
                }
            }
            counts[bin]++;
        }
        return counts;
    }

    // One bin per value of the union, in ordinal order as the engine has them.
    static (double[] Reference, double[] Current) CountCategories(string[] reference, string[] current)
    {
        var (r, c) = (new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var v in reference) r[v] = r.GetValueOrDefault(v) + 1;
        foreach (var v in current) c[v] = c.GetValueOrDefault(v) + 1;
        var keys = r.Keys.Union(c.Keys).Order(StringComparer.Ordinal).ToList();
        return ([.. keys.Select(k => (double)r.GetValueOrDefault(k))], [.. keys.Select(k => (double)c.GetValueOrDefault(k))]);
    }

    static double[] ToShares(double[] counts)
    {
        var total = 0.0;
        foreach (var n in counts) total += n;
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++) shares[i] = total > 0 ? counts[i] / total : 0;
        return shares;
    }

    // STATISTICS.md's fill for empty bins (PSI and KL): the smallest non-zero share over a million when that share is
    // at most 0.0001, else 0.0001.
    static double[] Fill(double[] shares)
    {
        var smallest = double.PositiveInfinity;
        foreach (var s in shares)
        {
            if (s > 0) smallest = Math.Min(smallest, s);
        }
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        var filled = new double[shares.Length];
        for (var i = 0; i < shares.Length; i++) filled[i] = shares[i] > 0 ? shares[i] : fill;
        return filled;
    }

    static double Psi(double[] reference, double[] current)
    {
        var (r, c) = (Fill(ToShares(reference)), Fill(ToShares(current)));
        var psi = 0.0;
        for (var i = 0; i < r.Length; i++) psi += (r[i] - c[i]) * Math.Log(r[i] / c[i]);
        return psi;
    }

    static double Kl(double[] reference, double[] current)
    {
        var (r, c) = (ToShares(Fill(ToShares(reference))), ToShares(Fill(ToShares(current))));
        var kl = 0.0;
        for (var i = 0; i < r.Length; i++) kl += r[i] * Math.Log(r[i] / c[i]);
        return kl;
    }

    static double Js(double[] reference, double[] current)
    {
        var (r, c) = (ToShares(reference), ToShares(current));
        var divergence = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var m = (r[i] + c[i]) / 2;
            if (r[i] > 0) divergence += 0.5 * r[i] * Math.Log(r[i] / m);
            if (c[i] > 0) divergence += 0.5 * c[i] * Math.Log(c[i] / m);
        }
        return Math.Sqrt(Math.Max(0, divergence));
    }

    static (double Statistic, double PValue) ChiSquare(double[] reference, double[] current)
    {
        double nr = reference.Sum(), nc = current.Sum(), n = nr + nc;
        var (statistic, used) = (0.0, 0);
        for (var i = 0; i < reference.Length; i++)
        {
            var column = reference[i] + current[i];
            if (column == 0) continue;
            used++;
            var (er, ec) = (nr * column / n, nc * column / n);
            statistic += (reference[i] - er) * (reference[i] - er) / er + (current[i] - ec) * (current[i] - ec) / ec;
        }
        return used <= 1 ? (0, 1) : (statistic, SpecialFunctions.ChiSquareSurvival(statistic, used - 1));
    }

    static double KsStatistic(double[] r, double[] c)
    {
        int i = 0, j = 0;
        var d = 0.0;
        while (i < r.Length && j < c.Length)
        {
            var x = Math.Min(r[i], c[j]);
            while (i < r.Length && r[i] == x) i++;
            while (j < c.Length && c[j] == x) j++;
            d = Math.Max(d, Math.Abs((double)i / r.Length - (double)j / c.Length));
        }
        return d;
    }

    // ∫|F_r − F_c| dx: between consecutive values of the merged order both CDFs are flat.
    static double Wasserstein1(double[] r, double[] c)
    {
        int i = 0, j = 0;
        var (total, previous) = (0.0, Math.Min(r[0], c[0]));
        while (i < r.Length || j < c.Length)
        {
            var x = j >= c.Length || (i < r.Length && r[i] <= c[j]) ? r[i] : c[j];
            total += Math.Abs((double)i / r.Length - (double)j / c.Length) * (x - previous);
            while (i < r.Length && r[i] == x) i++;
            while (j < c.Length && c[j] == x) j++;
            previous = x;
        }
        return total;
    }

    static double PopulationStd(double[] values)
    {
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Length);
    }
}
