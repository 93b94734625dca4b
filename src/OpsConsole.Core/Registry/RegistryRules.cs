using System.Text.RegularExpressions;

namespace OpsConsole.Registry;

/// <summary>A model as registered through the UI or <c>POST /api/models</c>.</summary>
public sealed record NewModel(string? Name, string? Description, string? Task, string? OwnerTeam = null, IReadOnlyList<string>? Tags = null);

/// <summary>Checks for registering models and versions; every message names the field as the API spells it.</summary>
public static partial class RegistryRules
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 2000;
    public const int MaxFeatures = 2000;

    /// <summary>Model names appear in URLs (/api/score/{model}), so they are lower-case slugs.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= MaxNameLength } && Slug().IsMatch(name);

    public static Dictionary<string, string[]> Check(NewModel input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidName(input.Name))
            errors["name"] = [$"Use 1 to {MaxNameLength} lower-case letters, digits and dashes, starting with a letter (e.g. fraud-model)."];
        if (input.Description is { Length: > MaxDescriptionLength }) errors["description"] = [$"Use at most {MaxDescriptionLength} characters."];
        if (input.Task is null || !ModelTasks.All.Contains(input.Task)) errors["task"] = [$"Choose one of {string.Join(", ", ModelTasks.All)}."];
        if (input.OwnerTeam is { Length: > 100 }) errors["ownerTeam"] = ["Use at most 100 characters."];
        if (input.Tags is { } tags && (tags.Count > 20 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 40)))
            errors["tags"] = ["Use at most 20 tags of 1 to 40 characters."];
        return errors;
    }

    /// <summary>Checks the contract and lineage of an upload; keys such as <c>metadata.featureSchema[2].max</c>.</summary>
    public static Dictionary<string, string[]> Check(VersionMetadata metadata)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (metadata.Description is { Length: > MaxDescriptionLength }) Add("metadata.description", $"Use at most {MaxDescriptionLength} characters.");
        if (metadata.FeatureSchema is { } schema)
        {
            if (schema.Count > MaxFeatures) Add("metadata.featureSchema", $"A contract holds at most {MaxFeatures} features.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < schema.Count; i++) CheckFeature(schema[i], $"metadata.featureSchema[{i}]", seen, Add);
        }
        if (metadata.Labels is { } labels && labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            Add("metadata.labels", "Labels must be unique.");
        if (metadata.Metrics is { } metrics)
        {
            foreach (var (name, value) in metrics)
                if (!double.IsFinite(value)) Add($"metadata.metrics.{name}", "A metric must be a finite number.");
        }
        if (metadata.CodeCommit is { Length: > 100 }) Add("metadata.codeCommit", "Use at most 100 characters.");
        if (metadata.DatasetVersion is { Length: > 200 }) Add("metadata.datasetVersion", "Use at most 200 characters.");
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    static void CheckFeature(FeatureSpec? feature, string path, HashSet<string> seen, Action<string, string> add)
    {
        if (feature is null) { add(path, "A feature cannot be null."); return; }
        if (string.IsNullOrWhiteSpace(feature.Name)) add(path + ".name", "Every feature needs a name.");
        else if (!seen.Add(feature.Name)) add(path + ".name", $"'{feature.Name}' appears twice in the contract.");
        if (feature.Type is null || !FeatureTypes.All.Contains(feature.Type)) add(path + ".type", $"Choose one of {string.Join(", ", FeatureTypes.All)}.");
        var numeric = feature.Type is not null && FeatureTypes.IsNumeric(feature.Type);
        if (!numeric && (feature.Min is not null || feature.Max is not null)) add(path + ".min", "Only number and integer features take min and max.");
        if (feature.Min is { } min && feature.Max is { } max && min > max) add(path + ".max", $"max ({max}) is below min ({min}).");
        if (feature.Min is { } m && !double.IsFinite(m)) add(path + ".min", "min must be a finite number.");
        if (feature.Max is { } x && !double.IsFinite(x)) add(path + ".max", "max must be a finite number.");
        if (feature.Type == FeatureTypes.Category && feature.Categories is not { Count: > 0 }) add(path + ".categories", "A category feature lists its categories.");
        if (feature.Type != FeatureTypes.Category && feature.Categories is { Count: > 0 }) add(path + ".categories", "Only category features take categories.");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Slug();
}
