namespace OpsConsole.Registry;

/// <summary>One column of a version's data contract, as <c>featureSchema</c> in the registry API carries it.</summary>
public sealed record FeatureSpec(string Name, string Type, double? Min = null, double? Max = null, IReadOnlyList<string>? Categories = null, bool Nullable = false);

/// <summary>The four feature types of the data contract.</summary>
public static class FeatureTypes
{
    public const string Number = "number";
#pragma warning disable CA1720 // the contract's own word for whole numbers
    public const string Integer = "integer";
#pragma warning restore CA1720
    public const string Category = "category";
    public const string Boolean = "boolean";

    public static IReadOnlyList<string> All { get; } = [Number, Integer, Category, Boolean];

    public static bool IsNumeric(string type) => type is Number or Integer;
}
