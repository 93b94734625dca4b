namespace OpsConsole.Registry;

/// <summary>What a model predicts, which decides the metrics and drift tests that apply to it.</summary>
public static class ModelTasks
{
    public const string Classification = "classification";
    public const string Regression = "regression";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Classification, Regression, Other];
}
