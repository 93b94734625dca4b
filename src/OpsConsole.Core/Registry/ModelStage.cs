namespace OpsConsole.Registry;

/// <summary>Where a version stands: at most one production and one canary per model, any number of shadows.</summary>
public enum ModelStage { None, Production, Canary, Shadow, Archived }

/// <summary>The lower-case names the API speaks ("production", "canary", ...).</summary>
public static class ModelStages
{
    public static IReadOnlyList<string> Names { get; } = ["production", "canary", "shadow", "archived", "none"];

    public static string Name(ModelStage stage) => stage.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ModelStage stage)
    {
        stage = ModelStage.None;
        return name is not null && Names.Contains(name, StringComparer.Ordinal) && Enum.TryParse(name, ignoreCase: true, out stage);
    }

    /// <summary>Stages that serve traffic and therefore pass the promotion gate first.</summary>
    public static bool IsGated(ModelStage stage) => stage is ModelStage.Production or ModelStage.Canary;
}
