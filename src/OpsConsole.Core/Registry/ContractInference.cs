using System.Globalization;
using OpsConsole.Datasets;

namespace OpsConsole.Registry;

/// <summary>
/// Proposes a data contract from a sample CSV: whole numbers are integer, other numbers number, true/false boolean, and
/// anything else a category listing the values seen. An empty cell makes the feature nullable. Ranges are left open:
/// a sample's extremes are not the limits of what production may send.
/// </summary>
public static class ContractInference
{
    public const int MaxCategories = 1000;

    public static IReadOnlyList<FeatureSpec> FromCsv(CsvTable table) =>
        [.. table.Columns.Select((name, c) => Infer(name, table.Rows.Select(r => r[c].Trim()).ToList()))];

    static FeatureSpec Infer(string name, List<string> cells)
    {
        var nullable = cells.Any(v => v.Length == 0);
        var values = cells.Where(v => v.Length > 0).ToList();
        if (values.Count > 0 && values.All(v => v is "true" or "false" or "True" or "False"))
            return new FeatureSpec(name, FeatureTypes.Boolean, Nullable: nullable);
        if (values.Count > 0 && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)))
        {
            var whole = values.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
            return new FeatureSpec(name, whole ? FeatureTypes.Integer : FeatureTypes.Number, Nullable: nullable);
        }
        var categories = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxCategories).ToList();
        return new FeatureSpec(name, FeatureTypes.Category, Categories: categories.Count > 0 ? categories : ["(empty)"], Nullable: nullable);
    }

    /// <summary>
    /// The width of the model's single 2-D float input ([batch, n] with n known), or null when the model takes anything
    /// else, in which case a contract cannot be derived from columns.
    /// </summary>
    public static int? SingleFloatInputWidth(IReadOnlyList<(string Type, IReadOnlyList<long> Shape)> inputs) =>
        inputs is [{ Type: "float32", Shape: [_, var n] }] && n > 0 ? (int)n : null;
}
