using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// The "impute and flag" policy of the records form: a record that breaks the contract is repaired so it can be scored,
/// and the features that were repaired are named so the prediction is flagged for review. Unknown features are
/// dropped; a missing or unreadable number becomes the middle of its contract range (its one bound, else 0) and an out
/// of range number is clamped; a boolean becomes false; a category becomes the contract's first category.
/// </summary>
public static class RecordImputer
{
    public static (Dictionary<string, JsonElement> Record, IReadOnlyList<string> Imputed) Impute(IReadOnlyList<FeatureSpec> contract, IReadOnlyDictionary<string, JsonElement> record)
    {
        var repaired = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var imputed = new List<string>();
        foreach (var unknown in record.Keys.Where(k => contract.All(f => f.Name != k)).Order(StringComparer.Ordinal)) imputed.Add(unknown);
        foreach (var feature in contract)
        {
            var present = record.TryGetValue(feature.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            if (!present && feature.Nullable) continue;
            var single = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (present) single[feature.Name] = value;
            if (present && RecordRules.Check([feature], [single]).Count == 0)
            {
                repaired[feature.Name] = value;
                continue;
            }
            repaired[feature.Name] = Substitute(feature, present ? value : default);
            imputed.Add(feature.Name);
        }
        return (repaired, imputed);
    }

    static JsonElement Substitute(FeatureSpec feature, JsonElement value) => feature.Type switch
    {
        FeatureTypes.Boolean => JsonSerializer.SerializeToElement(false),
        FeatureTypes.Category => JsonSerializer.SerializeToElement(feature.Categories is { Count: > 0 } c ? c[0] : ""),
        _ => JsonSerializer.SerializeToElement(Number(feature, value)),
    };

    static double Number(FeatureSpec feature, JsonElement value)
    {
        var x = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var given) && double.IsFinite(given)
            ? Math.Clamp(given, feature.Min ?? double.MinValue, feature.Max ?? double.MaxValue)
            : (feature.Min, feature.Max) switch
            {
                ({ } lo, { } hi) => (lo + hi) / 2,
                ({ } lo, null) => lo,
                (null, { } hi) => hi,
                _ => 0,
            };
        return feature.Type == FeatureTypes.Integer ? Math.Round(x, MidpointRounding.AwayFromZero) : x;
    }
}
