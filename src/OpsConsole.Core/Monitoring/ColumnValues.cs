namespace OpsConsole.Monitoring;

/// <summary>Whether a column is compared as numbers or as categories (STATISTICS.md, Inputs).</summary>
public enum ColumnType { Numeric, Categorical }

/// <summary>
/// One side (reference or current) of one column, with missing values already dropped and counted: numbers that are
/// null, NaN or ±∞, and categories that are null or empty, are missing. Numbers are kept sorted, which every numeric
/// method needs.
/// </summary>
public sealed class ColumnValues
{
    ColumnValues(double[] numbers, string[] categories, int missing)
    {
        Numbers = numbers;
        Categories = categories;
        Missing = missing;
    }

    /// <summary>The finite numbers, ascending; empty for a categorical side.</summary>
    public double[] Numbers { get; }

    /// <summary>The categories as given; empty for a numeric side.</summary>
    public string[] Categories { get; }

    public int Missing { get; }
    public int Count => Numbers.Length + Categories.Length;
    public double MissingShare => Count + Missing == 0 ? 0 : (double)Missing / (Count + Missing);

    public static ColumnValues Numeric(IEnumerable<double?> values)
    {
        // Sized up front when the count is known: growing a list of a million numbers copies it some twenty times.
        var kept = new double[values.TryGetNonEnumeratedCount(out var count) ? count : 16];
        var (length, missing) = (0, 0);
        foreach (var v in values)
        {
            if (v is not { } x || !double.IsFinite(x))
            {
                missing++;
                continue;
            }
            if (length == kept.Length) Array.Resize(ref kept, kept.Length * 2);
            kept[length++] = x;
        }
        return Sorted(kept, length, missing);
    }

    public static ColumnValues Numeric(IEnumerable<double> values)
    {
        if (values is not double[] array) return Numeric(values.Select(v => (double?)v));
        // The caller's array as it is, without a nullable copy of every number: the benchmark's and the CLI's common case.
        var kept = new double[array.Length];
        var length = 0;
        foreach (var x in array)
        {
            if (double.IsFinite(x)) kept[length++] = x;
        }
        return Sorted(kept, length, array.Length - length);
    }

    static ColumnValues Sorted(double[] kept, int length, int missing)
    {
        if (length != kept.Length) Array.Resize(ref kept, length);
        NumberSort.Ascending(kept);
        return new ColumnValues(kept, [], missing);
    }

    public static ColumnValues Categorical(IEnumerable<string?> values)
    {
        if (values is string?[] array) return CategoricalArray(array);
        var kept = values.TryGetNonEnumeratedCount(out var count) ? new List<string>(count) : [];
        var missing = 0;
        foreach (var v in values)
        {
            if (string.IsNullOrEmpty(v)) missing++;
            else kept.Add(v);
        }
        return new ColumnValues([], [.. kept], missing);
    }

    // An array is copied straight into one of the kept length, without a list and its second copy.
    static ColumnValues CategoricalArray(string?[] values)
    {
        var kept = new string[values.Length];
        var length = 0;
        foreach (var v in values)
        {
            if (!string.IsNullOrEmpty(v)) kept[length++] = v;
        }
        if (length != kept.Length) Array.Resize(ref kept, length);
        return new ColumnValues([], kept, values.Length - length);
    }
}
