using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// Checks records of the records form (<c>POST /api/score/{model}</c>) against a version's data contract: missing and
/// unknown features, wrong types, numbers that are not finite, values out of range, unknown categories, and too many
/// records. Every violation is reported, keyed <c>records[i].feature</c>, so a caller fixes a batch in one round.
/// </summary>
/// <summary>One broken field: which record, which feature ("" for the request itself), the kind of break, and what to fix.</summary>
public sealed record RecordViolation(int Record, string Feature, string Kind, string Message)
{
    public string Key => Record < 0 ? "records" : Feature.Length == 0 ? $"records[{Record}]" : $"records[{Record}].{Feature}";
}

/// <summary>The kinds of contract break, as counted in the violation metric.</summary>
public static class ViolationKinds
{
    public const string Missing = "missing";
    public const string Unknown = "unknown_feature";
    public const string WrongType = "wrong_type";
    public const string NotFinite = "not_finite";
    public const string OutOfRange = "out_of_range";
    public const string UnknownCategory = "unknown_category";
    public const string Batch = "batch_size";
}

public static class RecordRules
{
    public const int MaxRecords = 1000;

    public static Dictionary<string, string[]> Check(IReadOnlyList<FeatureSpec> contract, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? records) =>
        ToErrors(Violations(contract, records));

    /// <summary>Every violation as ProblemDetails errors, keyed <c>records[i].feature</c>.</summary>
    public static Dictionary<string, string[]> ToErrors(IEnumerable<RecordViolation> violations) =>
        violations.GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray(), StringComparer.Ordinal);

    public static List<RecordViolation> Violations(IReadOnlyList<FeatureSpec> contract, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? records)
    {
        var violations = new List<RecordViolation>();
        if (records is not { Count: > 0 })
        {
            violations.Add(new(-1, "", ViolationKinds.Batch, "Send at least one record."));
        }
        else if (records.Count > MaxRecords)
        {
            violations.Add(new(-1, "", ViolationKinds.Batch, $"Send at most {MaxRecords} records in one request; this one has {records.Count}."));
        }
        else
        {
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                if (record is null)
                {
                    violations.Add(new(i, "", ViolationKinds.WrongType, "A record is an object of feature values, not null."));
                    continue;
                }
                foreach (var unknown in record.Keys.Where(k => contract.All(f => f.Name != k)))
                    violations.Add(new(i, unknown, ViolationKinds.Unknown, "The model's contract has no such feature."));
                foreach (var feature in contract)
                {
                    if (!record.TryGetValue(feature.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                    {
                        if (!feature.Nullable) violations.Add(new(i, feature.Name, ViolationKinds.Missing, "Missing; the contract requires it."));
                        continue;
                    }
                    if (CheckValue(feature, value) is { } broken) violations.Add(new(i, feature.Name, broken.Kind, broken.Message));
                }
            }
        }
        return violations;
    }

    static (string Kind, string Message)? CheckValue(FeatureSpec feature, JsonElement value)
    {
        switch (feature.Type)
        {
            case FeatureTypes.Number or FeatureTypes.Integer:
                if (value.ValueKind != JsonValueKind.Number) return (ViolationKinds.WrongType, $"Expected a finite number, got {Describe(value)}.");
                if (!value.TryGetDouble(out var x) || !double.IsFinite(x)) return (ViolationKinds.NotFinite, $"Expected a finite number, got {Describe(value)}.");
                // Models take 32-bit floats: a larger magnitude would reach them as infinity.
                if (Math.Abs(x) > float.MaxValue) return (ViolationKinds.NotFinite, $"{x.ToString(System.Globalization.CultureInfo.InvariantCulture)} is too large for a model input.");
                if (feature.Type == FeatureTypes.Integer && Math.Floor(x) != x) return (ViolationKinds.WrongType, $"Expected a whole number, got {x.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                if (feature.Min is { } min && x < min) return (ViolationKinds.OutOfRange, $"Below the contract's minimum {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                if (feature.Max is { } max && x > max) return (ViolationKinds.OutOfRange, $"Above the contract's maximum {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                return null;
            case FeatureTypes.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : (ViolationKinds.WrongType, $"Expected true or false, got {Describe(value)}.");
            case FeatureTypes.Category:
                if (value.ValueKind != JsonValueKind.String) return (ViolationKinds.WrongType, $"Expected a category as text, got {Describe(value)}.");
                var text = value.GetString()!;
                return feature.Categories is { Count: > 0 } categories && !categories.Contains(text, StringComparer.Ordinal)
                    ? (ViolationKinds.UnknownCategory, $"Unknown category '{text}'; the contract knows {string.Join(", ", categories.Take(10))}{(categories.Count > 10 ? ", …" : "")}.")
                    : null;
            default:
                return (ViolationKinds.WrongType, $"The contract gives this feature the unknown type '{feature.Type}'.");
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
