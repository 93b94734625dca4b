using System.Globalization;

namespace OpsConsole.Registry;

/// <summary>How one feature differs between two contracts.</summary>
public enum ContractChangeKind { Added, Removed, Retyped, RangeChanged, CategoriesChanged, NullabilityChanged }

/// <summary>One difference, with the two sides as a person would read them.</summary>
public sealed record ContractChange(string Feature, ContractChangeKind Kind, string? Before, string? After)
{
    /// <summary>Removing or retyping a feature breaks callers that send the old contract; the rest only narrows or widens it.</summary>
    public bool IsBreaking => Kind is ContractChangeKind.Removed or ContractChangeKind.Retyped;
}

/// <summary>Compares two data contracts feature by feature, for the version diff and the compatibility gate.</summary>
public static class ContractDiff
{
    public static IReadOnlyList<ContractChange> Compare(IReadOnlyList<FeatureSpec> before, IReadOnlyList<FeatureSpec> after)
    {
        var old = before.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var changes = new List<ContractChange>();
        foreach (var feature in after)
        {
            if (!old.Remove(feature.Name, out var previous))
            {
                changes.Add(new(feature.Name, ContractChangeKind.Added, null, Describe(feature)));
                continue;
            }
            if (previous.Type != feature.Type)
            {
                changes.Add(new(feature.Name, ContractChangeKind.Retyped, previous.Type, feature.Type));
                continue;
            }
            if (previous.Min != feature.Min || previous.Max != feature.Max)
                changes.Add(new(feature.Name, ContractChangeKind.RangeChanged, Range(previous), Range(feature)));
            if (!SameCategories(previous.Categories, feature.Categories))
                changes.Add(new(feature.Name, ContractChangeKind.CategoriesChanged, Categories(previous), Categories(feature)));
            if (previous.Nullable != feature.Nullable)
                changes.Add(new(feature.Name, ContractChangeKind.NullabilityChanged, Nullability(previous), Nullability(feature)));
        }
        // Whatever is left in the old contract was removed; report it in the old contract's order.
        changes.AddRange(before.Where(f => old.ContainsKey(f.Name)).Select(f => new ContractChange(f.Name, ContractChangeKind.Removed, Describe(f), null)));
        return changes;
    }

    static bool SameCategories(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? []).Order(StringComparer.Ordinal).SequenceEqual((b ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    static string Describe(FeatureSpec f) => f.Type + (FeatureTypes.IsNumeric(f.Type) && (f.Min is not null || f.Max is not null) ? " " + Range(f) : "");

    static string Range(FeatureSpec f) =>
        $"[{f.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {f.Max?.ToString(CultureInfo.InvariantCulture) ?? "+inf"}]";

    static string Categories(FeatureSpec f) => string.Join(", ", f.Categories ?? []);

    static string Nullability(FeatureSpec f) => f.Nullable ? "nullable" : "required";
}
