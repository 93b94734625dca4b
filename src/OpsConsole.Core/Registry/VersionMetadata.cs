using System.Text.Json;

namespace OpsConsole.Registry;

/// <summary>The optional <c>metadata</c> part of a version upload: contract, labels and lineage.</summary>
public sealed record VersionMetadata(
    string? Description = null,
    IReadOnlyList<FeatureSpec>? FeatureSchema = null,
    IReadOnlyList<string>? Labels = null,
    string? DatasetVersion = null,
    string? CodeCommit = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    IReadOnlyDictionary<string, double>? Metrics = null);
