using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// Checks records of the records form (<c>POST /api/score/{model}</c>) against a version's data contract: missing and
/// unknown features, wrong types, numbers that are not finite, values out of range, unknown categories, and too many
/// records. Every violation is reported, keyed <c>records[i].feature</c>, so a caller fixes a batch in one round.
/// </summary>
public static class RecordRules
{
    public const int MaxRecords = 1000;

    public static Dictionary<string, string[]> Check(IReadOnlyList<FeatureSpec> contract, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? records)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        if (records is not { Count: > 0 })
        {
            Add("records", "Send at least one record.");
        }
        else if (records.Count > MaxRecords)
        {
            Add("records", $"Send at most {MaxRecords} records in one request; this one has {records.Count}.");
        }
        else
        {
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                foreach (var unknown in record.Keys.Where(k => contract.All(f => f.Name != k)))
                    Add($"records[{i}].{unknown}", "The model's contract has no such feature.");
                foreach (var feature in contract)
                {
                    var key = $"records[{i}].{feature.Name}";
                    if (!record.TryGetValue(feature.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                    {
                        if (!feature.Nullable) Add(key, "Missing; the contract requires it.");
                        continue;
                    }
                    if (CheckValue(feature, value) is { } message) Add(key, message);
                }
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    static string? CheckValue(FeatureSpec feature, JsonElement value)
    {
        switch (feature.Type)
        {
            case FeatureTypes.Number or FeatureTypes.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var x) || !double.IsFinite(x))
                    return $"Expected a finite number, got {Describe(value)}.";
                if (feature.Type == FeatureTypes.Integer && Math.Floor(x) != x) return $"Expected a whole number, got {x.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
                if (feature.Min is { } min && x < min) return $"Below the contract's minimum {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
                if (feature.Max is { } max && x > max) return $"Above the contract's maximum {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
                return null;
            case FeatureTypes.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"Expected true or false, got {Describe(value)}.";
            case FeatureTypes.Category:
                if (value.ValueKind != JsonValueKind.String) return $"Expected a category as text, got {Describe(value)}.";
                var text = value.GetString()!;
                return feature.Categories is { Count: > 0 } categories && !categories.Contains(text, StringComparer.Ordinal)
                    ? $"Unknown category '{text}'; the contract knows {string.Join(", ", categories.Take(10))}{(categories.Count > 10 ? ", …" : "")}."
                    : null;
            default:
                return $"The contract gives this feature the unknown type '{feature.Type}'.";
        }
    }

    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{value.GetString()}\"",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
