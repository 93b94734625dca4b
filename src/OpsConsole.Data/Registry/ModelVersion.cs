namespace OpsConsole.Registry;

/// <summary>
/// One uploaded artifact of a model with its signature (read from the ONNX file), data contract and lineage.
/// Contract, signature and lineage are JSON columns: they are read whole and never queried into.
/// </summary>
public class ModelVersion
{
    public long Id { get; set; }
    public long ModelId { get; set; }
    public RegisteredModel? Model { get; set; }
    public int Version { get; set; }
    public string Description { get; set; } = "";

    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public required string InputsJson { get; set; }
    public required string OutputsJson { get; set; }

    public string FeatureSchemaJson { get; set; } = "[]";
    public string LabelsJson { get; set; } = "[]";
    public string? DatasetVersion { get; set; }
    public string? CodeCommit { get; set; }
    public string ParametersJson { get; set; } = "{}";
    public string MetricsJson { get; set; } = "{}";

    public ModelStage Stage { get; set; }
    public int? TrafficPercent { get; set; }
    public DateTimeOffset? StageChangedAt { get; set; }

    /// <summary>Set when the stored artifact no longer matches <see cref="Sha256"/>: the version is refused from then on.</summary>
    public bool IsBroken { get; set; }
    public string? BrokenReason { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public string? RegisteredById { get; set; }
}
