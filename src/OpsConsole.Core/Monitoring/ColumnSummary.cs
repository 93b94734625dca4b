namespace OpsConsole.Monitoring;

/// <summary>A category and its share of the side's non-missing values.</summary>
public sealed record CategoryShare(string Category, long Count, double Share);

/// <summary>
/// One side of one column described: non-missing values (<see cref="Count"/>), the missing share and, for numbers, mean, population std, min, max and the
/// 5/25/50/75/95 % quantiles (numpy's default interpolation); for categories, the most frequent ones with their shares
/// and how many distinct values there are.
/// </summary>
public sealed record ColumnSummary(long Count, double MissingShare, double? Mean, double? Std, double? Min, double? Max,
    IReadOnlyDictionary<string, double>? Quantiles, IReadOnlyList<CategoryShare>? TopCategories, int? DistinctCategories)
{
    public const int TopCount = 10;
    static readonly (string Name, double Q)[] QuantilePoints = [("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95)];

    public static ColumnSummary Of(ColumnValues side, ColumnType type)
    {
        if (type == ColumnType.Categorical)
        {
            var counts = side.Categories.GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, Count: (long)g.Count())).ToList();
            var top = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopCount)
                .Select(c => new CategoryShare(c.Key, c.Count, (double)c.Count / side.Count)).ToList();
            return new ColumnSummary(side.Count, side.MissingShare, null, null, null, null, null, top, counts.Count);
        }
        var numbers = side.Numbers;
        if (numbers.Length == 0) return new ColumnSummary(0, side.MissingShare, null, null, null, null, null, null, null);
        return new ColumnSummary(numbers.Length, side.MissingShare, numbers.Average(), DriftStatistics.PopulationStd(numbers), numbers[0], numbers[^1],
            QuantilePoints.ToDictionary(p => p.Name, p => Monitoring.Quantiles.Type7(numbers, p.Q), StringComparer.Ordinal), null, null);
    }

    /// <summary>Categories the current side has and the reference never had, most frequent first: often a broken upstream mapping.</summary>
    public static IReadOnlyList<CategoryShare> NewCategories(ColumnValues reference, ColumnValues current)
    {
        var known = reference.Categories.ToHashSet(StringComparer.Ordinal);
        return [.. current.Categories.Where(c => !known.Contains(c)).GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => new CategoryShare(g.Key, g.Count(), (double)g.Count() / current.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)];
    }
}
