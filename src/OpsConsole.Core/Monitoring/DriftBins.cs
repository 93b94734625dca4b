using System.Runtime.InteropServices;

namespace OpsConsole.Monitoring;

/// <summary>Counts of both sides over the same bins: what PSI, KL, JS and χ² are computed from.</summary>
public sealed record BinnedCounts(IReadOnlyList<string> Bins, double[] Reference, double[] Current);

/// <summary>
/// Puts both sides of a column into shared bins, as STATISTICS.md fixes it. Numbers with more than 20 distinct
/// reference values get equal-width bins over the combined range (numpy's <c>histogram</c>: Sturges' count unless
/// given, the last bin closed) or, with reference binning, bins cut at the reference's deciles; everything else gets
/// one bin per distinct value of the union.
/// </summary>
public static class DriftBins
{
    public const int MaxDistinctForValueBins = 20;

    public static BinnedCounts For(ColumnValues reference, ColumnValues current, ColumnType type, DriftBinning binning, int? bins)
    {
        if (bins is < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A bin count is at least 1.");
        if (type == ColumnType.Categorical) return ByValue(reference.Categories, current.Categories);
        if (DistinctSorted(reference.Numbers) <= MaxDistinctForValueBins) return ByNumber(reference.Numbers, current.Numbers);
        return binning == DriftBinning.Reference
            ? ByReferenceDeciles(reference.Numbers, current.Numbers)
            : EqualWidth(reference.Numbers, current.Numbers, bins ?? SturgesBins(reference.Numbers, current.Numbers));
    }

    /// <summary>
    /// Sturges' rule as numpy's <c>histogram_bin_edges(bins="sturges")</c> applies it: a bin width of
    /// range / (log2(n) + 1), then ⌈range / width⌉ bins. That is ⌈log2(n) + 1⌉ except where floating point rounds the
    /// division up by one, as it does for some ranges when n is a power of two; numpy's count is the contract.
    /// </summary>
    public static int Sturges(int n, double range)
    {
        var width = range / (Math.Log2(n) + 1);
        return width > 0 ? (int)Math.Ceiling(range / width) : 1;
    }

    static int SturgesBins(double[] reference, double[] current)
    {
        var lo = Math.Min(reference.Length > 0 ? reference[0] : double.PositiveInfinity, current.Length > 0 ? current[0] : double.PositiveInfinity);
        var hi = Math.Max(reference.Length > 0 ? reference[^1] : double.NegativeInfinity, current.Length > 0 ? current[^1] : double.NegativeInfinity);
        return Sturges(reference.Length + current.Length, hi - lo);
    }

    static int DistinctSorted(double[] sorted)
    {
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) distinct++;
        }
        return distinct;
    }

    static BinnedCounts ByValue(string[] reference, string[] current)
    {
        var index = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var referenceCounts = Count(reference);
        var currentCounts = Count(current);
        foreach (var key in referenceCounts.Keys.Concat(currentCounts.Keys)) index.TryAdd(key, 0);
        var keys = index.Keys.ToList();
        return new BinnedCounts(keys, [.. keys.Select(k => (double)referenceCounts.GetValueOrDefault(k))], [.. keys.Select(k => (double)currentCounts.GetValueOrDefault(k))]);
    }

    static Dictionary<string, int> Count(string[] values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // One hash lookup a value, not two: a categorical side is a million of them in the benchmark.
        foreach (var v in values) CollectionsMarshal.GetValueRefOrAddDefault(counts, v, out _)++;
        return counts;
    }

    static BinnedCounts ByNumber(double[] reference, double[] current)
    {
        var values = reference.Concat(current).Distinct().Order().ToList();
        var at = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var r = new double[values.Count];
        var c = new double[values.Count];
        foreach (var x in reference) r[at[x]]++;
        foreach (var x in current) c[at[x]]++;
        return new BinnedCounts([.. values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))], r, c);
    }

    // numpy.histogram with `bins` equal-width bins over [min, max] of both sides: edges from linspace, a value's bin
    // computed from its offset and then nudged by comparison with the edges so it agrees with them to the last bit.
    static BinnedCounts EqualWidth(double[] reference, double[] current, int bins)
    {
        var lo = Math.Min(reference.Length > 0 ? reference[0] : double.PositiveInfinity, current.Length > 0 ? current[0] : double.PositiveInfinity);
        var hi = Math.Max(reference.Length > 0 ? reference[^1] : double.NegativeInfinity, current.Length > 0 ? current[^1] : double.NegativeInfinity);
        if (lo == hi) (lo, hi) = (lo - 0.5, hi + 0.5);
        var edges = new double[bins + 1];
        var step = (hi - lo) / bins;
        for (var i = 0; i <= bins; i++) edges[i] = lo + i * step;
        edges[bins] = hi;
        double[] Counts(double[] values)
        {
            var counts = new double[bins];
            var scale = bins / (hi - lo);
            foreach (var x in values)
            {
                var i = Math.Min((int)((x - lo) * scale), bins - 1);
                if (x < edges[i]) i--;
                else if (i < bins - 1 && x >= edges[i + 1]) i++;
                counts[i]++;
            }
            return counts;
        }
        var labels = Enumerable.Range(0, bins).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{edges[i]:G6}, {edges[i + 1]:G6}{(i == bins - 1 ? "]" : ")")}")).ToList();
        return new BinnedCounts(labels, Counts(reference), Counts(current));
    }

    // Inner edges at the reference's deciles (type 7), distinct; a value equal to an edge belongs to the bin above it,
    // and the outer bins are open, so windows binned this way stay comparable over time.
    static BinnedCounts ByReferenceDeciles(double[] reference, double[] current)
    {
        var edges = Enumerable.Range(1, 9).Select(d => Quantiles.Type7(reference, d / 10.0)).Distinct().ToArray();
        double[] Counts(double[] values)
        {
            var counts = new double[edges.Length + 1];
            foreach (var x in values)
            {
                // Edges are distinct, so a value equal to edge i belongs to bin i + 1 (left-closed bins).
                var i = Array.BinarySearch(edges, x);
                counts[i >= 0 ? i + 1 : ~i]++;
            }
            return counts;
        }
        var labels = new List<string>(edges.Length + 1);
        for (var i = 0; i <= edges.Length; i++)
            labels.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{(i == 0 ? "-inf" : edges[i - 1].ToString("G6", System.Globalization.CultureInfo.InvariantCulture))}, {(i == edges.Length ? "inf" : edges[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture))})"));
        return new BinnedCounts(labels, Counts(reference), Counts(current));
    }

}
