using System.Text.Json;

namespace OpsConsole.Registry;

/// <summary>A model as lists and <c>GET /api/models</c> show it, with who serves where.</summary>
public sealed record ModelView(
    string Name, string Description, string Task, string? OwnerTeam, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, string CreatedBy,
    int Versions, int? Production, int? Canary, int? CanaryTrafficPercent, IReadOnlyList<int> Shadows, GatePolicy Gate);

/// <summary>A version with its signature, contract and lineage; the upload answer of the registry contract is a subset.</summary>
public sealed record VersionView(
    string Model, int Version, string Sha256, long SizeBytes, IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs,
    string Description, IReadOnlyList<FeatureSpec> FeatureSchema, IReadOnlyList<string> Labels, string? DatasetVersion, string? CodeCommit,
    IReadOnlyDictionary<string, JsonElement> Parameters, IReadOnlyDictionary<string, double> Metrics,
    string Stage, int? TrafficPercent, bool IsBroken, string? BrokenReason, DateTimeOffset RegisteredAt, string RegisteredBy)
{
    public static VersionView From(ModelVersion row, string model) => new(
        model, row.Version, row.Sha256, row.SizeBytes,
        RegistryJson.Read<List<TensorSignature>>(row.InputsJson) ?? [], RegistryJson.Read<List<TensorSignature>>(row.OutputsJson) ?? [],
        row.Description, RegistryJson.Read<List<FeatureSpec>>(row.FeatureSchemaJson) ?? [], RegistryJson.Read<List<string>>(row.LabelsJson) ?? [],
        row.DatasetVersion, row.CodeCommit,
        RegistryJson.Read<Dictionary<string, JsonElement>>(row.ParametersJson) ?? [], RegistryJson.Read<Dictionary<string, double>>(row.MetricsJson) ?? [],
        ModelStages.Name(row.Stage), row.TrafficPercent, row.IsBroken, row.BrokenReason, row.RegisteredAt, row.RegisteredBy);
}

/// <summary>One promotion-log entry as the history view and API show it.</summary>
public sealed record TransitionView(
    DateTimeOffset At, int Version, string From, string To, int? TrafficPercent, int? PreviousHolder, string Reason, string Actor,
    bool IsOverride, bool IsRollback, GateReport? Gate)
{
    public static TransitionView Of(PromotionLogEntry row) => new(
        row.At, row.Version, ModelStages.Name(row.FromStage), ModelStages.Name(row.ToStage), row.TrafficPercent, row.PreviousHolder, row.Reason,
        row.Actor, row.IsOverride, row.IsRollback, row.GateReportJson is null ? null : RegistryJson.Read<GateReport>(row.GateReportJson));
}

/// <summary>The answer of <c>GET /api/models/{name}/production?at=</c>.</summary>
public sealed record ProductionAtView(string Model, DateTimeOffset At, int? Version);

/// <summary>Two versions side by side: their contract changes and both sets of metrics.</summary>
public sealed record VersionDiffView(string Model, int From, int To, IReadOnlyList<ContractChange> ContractChanges, IReadOnlyList<MetricComparison> Metrics);

public sealed record MetricComparison(string Metric, double? From, double? To);
