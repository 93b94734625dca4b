using System.Globalization;
using System.Text.Json;

namespace OpsConsole.Monitoring;

/// <summary>
/// Drift figures scipy and numpy computed independently of the code under test: tests/fixtures/make_drift_references.py
/// writes tests/fixtures/references/drift_references.json, which the build copies next to the test assembly. A case
/// holds both sides of one column (as values, value counts or the recipe i / divisor + offset), the bins numpy made of
/// them and every statistic of STATISTICS.md.
/// </summary>
static class DriftReferences
{
    static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "references", "drift_references.json"))));

    static JsonElement Root => Document.Value.RootElement;

    static JsonElement.ArrayEnumerator Cases => Root.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) =>
        Cases.Single(c => string.Equals(c.GetProperty("name").GetString(), name, StringComparison.Ordinal));

    /// <summary>Every case whose sides both keep a value once missing ones are dropped.</summary>
    public static TheoryData<string> WithStatistic => Names(HasStatistic);

    /// <summary>Numeric cases with a statistic: Wasserstein and KS apply.</summary>
    public static TheoryData<string> NumericWithStatistic => Names(c => HasStatistic(c) && Type(c) == ColumnType.Numeric);

    /// <summary>Cases binned by the reference's deciles too (numbers with more than 20 distinct reference values).</summary>
    public static TheoryData<string> WithReferenceBinning => Names(c => c.TryGetProperty("reference_binning", out _));

    /// <summary>Cases also binned with a given number of equal-width bins.</summary>
    public static TheoryData<string> WithBinsOverride => Names(c => c.TryGetProperty("bins_override", out _));

    /// <summary>Cases with exactly two values over both sides, where the z-test applies.</summary>
    public static TheoryData<string> WithZTest => Names(c => HasStatistic(c) && c.GetProperty("z").ValueKind != JsonValueKind.Null);

    static bool HasStatistic(JsonElement c) => c.GetProperty("empty_side").ValueKind == JsonValueKind.Null;

    static TheoryData<string> Names(Func<JsonElement, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Where(filter)) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static ColumnType Type(JsonElement c) =>
        string.Equals(c.GetProperty("type").GetString(), "numeric", StringComparison.Ordinal) ? ColumnType.Numeric : ColumnType.Categorical;

    /// <summary>One side ("reference" or "current") of a case with its missing rows, as the engine takes it.</summary>
    public static ColumnValues Side(JsonElement c, string side)
    {
        var spec = c.GetProperty(side);
        var missing = spec.TryGetProperty("missing", out var m) ? m.GetInt32() : 0;
        return Type(c) == ColumnType.Numeric
            ? ColumnValues.Numeric(NumericRows(spec).Concat(Enumerable.Repeat((double?)null, missing)).ToList())
            : ColumnValues.Categorical(CategoryRows(spec).Concat(Enumerable.Repeat((string?)null, missing)).ToList());
    }

    /// <summary>The column of a case, named after it.</summary>
    public static DriftColumn Column(string name)
    {
        var c = Case(name);
        return new DriftColumn(name, Type(c), Side(c, "reference"), Side(c, "current"));
    }

    /// <summary>The reference and current counts of a bins object ("bins", "reference_binning", "bins_override").</summary>
    public static BinnedCounts Counts(JsonElement bins)
    {
        var reference = Numbers(bins.GetProperty("reference"));
        var current = Numbers(bins.GetProperty("current"));
        var labels = Enumerable.Range(0, reference.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        return new BinnedCounts(labels, reference, current);
    }

    /// <summary>Whether a case has a non-null figure under that name (z is null where there are more than two values).</summary>
    public static bool Has(JsonElement c, string name) => c.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public static double Number(JsonElement c, string name) => StatisticsReferences.Number(c.GetProperty(name));

    public static double Number(JsonElement c, string name, string inner) => StatisticsReferences.Number(c.GetProperty(name).GetProperty(inner));

    public static double[] Numbers(JsonElement array) => StatisticsReferences.Numbers(array);

    /// <summary>A grid of special-function values ("gammaincc", "chi2_sf", "erfc", "normal_two_sided_p", "gammaln"), one row per point.</summary>
    public static double[][] Grid(string name) =>
        [.. Root.GetProperty("special_functions").GetProperty(name).EnumerateArray().Select(Numbers)];

    /// <summary>STATISTICS.md's auto table, row by row: type, n_ref, n_unique and the method.</summary>
    public static IEnumerable<(ColumnType Type, int ReferenceRows, int Distinct, string Method)> AutoTable =>
        Root.GetProperty("auto_table").EnumerateArray().Select(r => (
            string.Equals(r.GetProperty("type").GetString(), "numeric", StringComparison.Ordinal) ? ColumnType.Numeric : ColumnType.Categorical,
            r.GetProperty("n_ref").GetInt32(), r.GetProperty("n_unique").GetInt32(), r.GetProperty("method").GetString()!));

    static IEnumerable<double?> NumericRows(JsonElement spec)
    {
        if (spec.TryGetProperty("linear", out var linear))
        {
            var count = linear.GetProperty("count").GetInt32();
            var divisor = linear.GetProperty("divisor").GetDouble();
            var offset = linear.GetProperty("offset").GetDouble();
            // The same double arithmetic as numpy's arange(count) / divisor + offset.
            return Enumerable.Range(0, count).Select(i => (double?)(i / divisor + offset));
        }
        if (spec.TryGetProperty("values", out var values)) return values.EnumerateArray().Select(v => (double?)StatisticsReferences.Number(v));
        return spec.GetProperty("counts").EnumerateArray().SelectMany(p => Enumerable.Repeat((double?)p[0].GetDouble(), p[1].GetInt32()));
    }

    static IEnumerable<string?> CategoryRows(JsonElement spec) =>
        spec.GetProperty("counts").EnumerateArray().SelectMany(p => Enumerable.Repeat((string?)p[0].GetString(), p[1].GetInt32()));
}
