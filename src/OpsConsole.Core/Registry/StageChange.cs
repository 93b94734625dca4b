namespace OpsConsole.Registry;

/// <summary>A request to move a version to a stage, as <c>POST .../stage</c> carries it.</summary>
public sealed record StageChange(string? Stage, int? TrafficPercent, string? Reason, bool Override = false);

/// <summary>Shape checks for a stage change; the gate and the registry state are checked by the caller.</summary>
public static class StageChangeRules
{
    public const int MaxReasonLength = 1000;

    public static Dictionary<string, string[]> Check(StageChange input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ModelStages.TryParse(input.Stage, out var stage))
        {
            errors["stage"] = [$"Choose one of {string.Join(", ", ModelStages.Names)}."];
        }
        else if (stage == ModelStage.Canary && input.TrafficPercent is null)
        {
            errors["trafficPercent"] = ["A canary needs the share of traffic it serves, 0 to 100."];
        }
        else if (stage != ModelStage.Canary && input.TrafficPercent is not null)
        {
            errors["trafficPercent"] = ["Only a canary takes a traffic percent."];
        }
        if (input.TrafficPercent is < 0 or > 100) errors["trafficPercent"] = ["Use a percent from 0 to 100."];
        if (string.IsNullOrWhiteSpace(input.Reason)) errors["reason"] = ["Say why; the reason is kept in the promotion log."];
        else if (input.Reason.Length > MaxReasonLength) errors["reason"] = [$"Use at most {MaxReasonLength} characters."];
        return errors;
    }
}
