namespace OpsConsole.Monitoring;

/// <summary>A data-driven threshold and the chunk statistics it was derived from.</summary>
public sealed record DataDrivenResult(double Threshold, IReadOnlyList<double> ChunkStatistics);

/// <summary>
/// NannyML's rule for a threshold the data sets: split the reference into consecutive chunks, compute the statistic of
/// each chunk against the whole reference, and alert above mean + 3 standard deviations (population) of those figures.
/// A feature that is noisy in its own reference then gets a wider band than one that never moves. Only distances have
/// a statistic that grows with drift; tests are judged by p-values, whose fixed threshold already accounts for size.
/// </summary>
public static class DataDrivenThreshold
{
    public const int Chunks = 10;

    /// <summary>Fewer reference values per chunk than this give no data-driven threshold (the fixed default is used).</summary>
    public const int MinChunkValues = 30;

    public static bool Supports(string method) => method is DriftMethods.Psi or DriftMethods.Kl or DriftMethods.Js or DriftMethods.Wasserstein;

    /// <summary>
    /// The threshold for <paramref name="method"/> from the reference side given in its original (time) order: numbers
    /// for a numeric column, categories (null or empty = missing) for a categorical one. Null when there is too little.
    /// </summary>
    public static DataDrivenResult? For(string name, ColumnType type, IReadOnlyList<double?> numbers, IReadOnlyList<string?> categories, string method)
    {
        if (!Supports(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "Only distance methods get a data-driven threshold.");
        var count = type == ColumnType.Numeric ? numbers.Count : categories.Count;
        if (count / Chunks < MinChunkValues) return null;
        ColumnValues Side(int from, int to) => type == ColumnType.Numeric
            ? ColumnValues.Numeric(numbers.Skip(from).Take(to - from))
            : ColumnValues.Categorical(categories.Skip(from).Take(to - from));
        var whole = Side(0, count);
        var statistics = new List<double>(Chunks);
        for (var c = 0; c < Chunks; c++)
        {
            var chunk = Side(c * count / Chunks, (c + 1) * count / Chunks);
            if (DriftEngine.Column(new DriftColumn(name, type, whole, chunk), method, double.PositiveInfinity).Statistic is { } s) statistics.Add(s);
        }
        if (statistics.Count < 2) return null;
        var mean = statistics.Average();
        var std = Math.Sqrt(statistics.Average(s => (s - mean) * (s - mean)));
        return new DataDrivenResult(mean + 3 * std, statistics);
    }
}
