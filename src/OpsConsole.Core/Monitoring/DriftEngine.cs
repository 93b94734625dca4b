namespace OpsConsole.Monitoring;

/// <summary>One column to compare: its name, type and both sides.</summary>
public sealed record DriftColumn(string Name, ColumnType Type, ColumnValues Reference, ColumnValues Current);

/// <summary>
/// Drift between a reference and a current sample, column by column and for the dataset, exactly as STATISTICS.md
/// fixes it. The server's drift job, the API and the <c>opsconsole drift</c> command all call this one engine.
/// </summary>
public static class DriftEngine
{
    public static DriftReport Report(IReadOnlyList<DriftColumn> columns, DriftOptions options)
    {
        var methods = columns.Select(c => MethodFor(c, options)).ToList();
        // Bonferroni: the p-value threshold is shared among the columns that get a p-value (a test method and both
        // sides non-empty); a column with no statistic takes no share of α.
        var tested = columns.Where((c, i) => DriftMethods.IsTest(methods[i]) && c.Reference.Count > 0 && c.Current.Count > 0).Count();
        var results = new List<ColumnDrift>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var settings = options.Columns?.GetValueOrDefault(column.Name);
            var threshold = settings?.Threshold ?? options.Threshold ?? DriftMethods.DefaultThreshold(methods[i]);
            if (options.Bonferroni && DriftMethods.IsTest(methods[i]) && tested > 1) threshold /= tested;
            results.Add(Column(column, methods[i], threshold, options.Binning, settings?.Bins ?? options.Bins));
        }
        var judged = results.Where(r => r.Statistic is not null).ToList();
        var share = judged.Count == 0 ? 0 : (double)judged.Count(r => r.Drift) / judged.Count;
        return new DriftReport(results, share, judged.Count > 0 && share >= options.DatasetDriftShare);
    }

    /// <summary>The method a column gets: its own setting, else the report's, with <c>auto</c> resolved by Evidently's rule.</summary>
    public static string MethodFor(DriftColumn column, DriftOptions options)
    {
        var method = options.Columns?.GetValueOrDefault(column.Name)?.Method ?? options.Method;
        return method == DriftMethods.Auto ? DriftMethods.Choose(column.Type, Distinct(column), column.Reference.Count) : method;
    }

    public static ColumnDrift Column(DriftColumn column, string method, double threshold, DriftBinning binning = DriftBinning.Combined, int? bins = null)
    {
        if (!DriftMethods.All.Contains(method) || method == DriftMethods.Auto)
            throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown drift method; use one of {string.Join(", ", DriftMethods.All)}.");
        var (reference, current) = (column.Reference, column.Current);
        ColumnDrift Result(double? statistic, double? p, bool drift, string? reason = null) => new(
            column.Name, column.Type, method, statistic, p, threshold, drift, reference.Count, current.Count, reference.MissingShare, current.MissingShare, reason);

        if (reference.Count == 0 || current.Count == 0)
            return Result(null, null, false, $"The {(reference.Count == 0 ? "reference" : "current")} side has no value once missing values are dropped.");
        if (DriftMethods.NeedsNumbers(method) && column.Type != ColumnType.Numeric)
            return Result(null, null, false, $"{method} compares numbers; '{column.Name}' is categorical.");

        switch (method)
        {
            case DriftMethods.Ks:
            {
                var d = DriftStatistics.KsStatistic(reference.Numbers, current.Numbers);
                var p = KolmogorovSmirnovDistribution.TwoSidedPValue(d, reference.Count, current.Count);
                return Result(d, p, p < threshold);
            }
            case DriftMethods.Wasserstein:
            {
                var w = DriftStatistics.WassersteinNormed(reference.Numbers, current.Numbers);
                return Result(w, null, w >= threshold);
            }
        }
        var counts = DriftBins.For(reference, current, column.Type, binning, bins);
        switch (method)
        {
            case DriftMethods.ChiSquare:
            {
                var (statistic, p) = DriftStatistics.ChiSquare(counts);
                return Result(statistic, p, p < threshold);
            }
            case DriftMethods.Z:
            {
                if (counts.Bins.Count > 2) return Result(null, null, false, $"The z-test compares two values; '{column.Name}' has {counts.Bins.Count}.");
                var (statistic, p) = DriftStatistics.Z(counts);
                return Result(statistic, p, p < threshold);
            }
            default:
            {
                var statistic = method switch
                {
                    DriftMethods.Psi => DriftStatistics.Psi(counts),
                    DriftMethods.Kl => DriftStatistics.Kl(counts),
                    _ => DriftStatistics.Js(counts),
                };
                return Result(statistic, null, statistic >= threshold);
            }
        }
    }

    // The auto rule only asks whether a column has more than five distinct values (or two, or three), so counting
    // stops at six: hashing a million-row column whole to learn it has more than five cost more than the report itself
    // (docs/benchmarks.md, drift report).
    const int DistinctThatDecide = 6;

    static int Distinct(DriftColumn column) => column.Type == ColumnType.Numeric
        ? DistinctUpTo(column.Reference.Numbers.Concat(column.Current.Numbers), EqualityComparer<double>.Default)
        : DistinctUpTo(column.Reference.Categories.Concat(column.Current.Categories), StringComparer.Ordinal);

    static int DistinctUpTo<T>(IEnumerable<T> values, IEqualityComparer<T> comparer)
    {
        var seen = new HashSet<T>(comparer);
        foreach (var value in values)
        {
            if (seen.Add(value) && seen.Count == DistinctThatDecide) break;
        }
        return seen.Count;
    }
}
