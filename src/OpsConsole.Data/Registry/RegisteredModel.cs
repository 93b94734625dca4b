namespace OpsConsole.Registry;

/// <summary>A model in the registry: a name that versions, stages and traffic hang off.</summary>
public class RegisteredModel
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Task { get; set; }
    public string? OwnerTeam { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>The promotion gate as JSON (<c>GatePolicy</c>); empty means the default gate.</summary>
    public string GatePolicyJson { get; set; } = "";

    /// <summary>How the model is served when things go wrong, as JSON (<c>ServingPolicy</c>); empty means the defaults.</summary>
    public string ServingPolicyJson { get; set; } = "";

    /// <summary>How the model's drift is judged, as JSON (<c>DriftSettings</c>); empty means the defaults.</summary>
    public string DriftSettingsJson { get; set; } = "";

    /// <summary>
    /// Counts stage changes; a concurrency token, so two changes decided on the same snapshot of the versions cannot
    /// both commit (the second would act on stages the first just changed).
    /// </summary>
    [Platform.NotAudited]   // the promotion log records the changes themselves
    public int StageRevision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<ModelVersion> Versions { get; set; } = [];
}
