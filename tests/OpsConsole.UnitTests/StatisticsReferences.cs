using System.Globalization;
using System.Text.Json;

namespace OpsConsole;

/// <summary>
/// Figures numpy computed independently of the code under test: tests/fixtures/make_statistics_references.py writes
/// tests/fixtures/references/scoring_references.json, which the build copies next to the test assembly.
/// </summary>
static class StatisticsReferences
{
    static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "references", "scoring_references.json"))));

    static JsonElement Root => Document.Value.RootElement;

    /// <summary>The levels q every quantile sample was evaluated at, in the order of its "lower" and "linear" lists.</summary>
    public static double[] QuantileLevels => Numbers(Root.GetProperty("quantiles").GetProperty("q"));

    /// <summary>A sample with "values" and numpy's quantiles at <see cref="QuantileLevels"/>: "lower" and "linear".</summary>
    public static JsonElement QuantileSample(string name) => Named(Root.GetProperty("quantiles").GetProperty("samples"), name);

    /// <summary>Two label lists, "primary" and "shadow", with "observed_agreement", "chance_agreement" and "kappa".</summary>
    public static JsonElement Kappa => Root.GetProperty("kappa");

    /// <summary>A vector with "values", "count", "nan_share" and "moments" (mean, std, min, max; null when nothing is finite).</summary>
    public static JsonElement MomentVector(string name) => Named(Root.GetProperty("moments"), name);

    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(Number)];

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A number, or one of the strings "NaN", "Infinity" and "-Infinity" that stand for what JSON cannot write.</summary>
    public static double Number(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDouble();

    static JsonElement Named(JsonElement array, string name) =>
        array.EnumerateArray().Single(e => string.Equals(e.GetProperty("name").GetString(), name, StringComparison.Ordinal));
}
