namespace OpsConsole.Monitoring;

/// <summary>
/// Where a drift reference comes from: the choices a model's drift settings offer (<see cref="Auto"/>,
/// <see cref="Training"/>, <see cref="Window"/>) and what a drift answer says it used (<see cref="TrainingHoldout"/> or
/// <see cref="Window"/>).
/// </summary>
public static class ReferenceSources
{
    public const string Auto = "auto";
    public const string Training = "training";
    public const string Window = "window";

    /// <summary>The trainer's holdout rows, stored with the version; also the stored profile's source.</summary>
    public const string TrainingHoldout = "training-holdout";

    public static readonly IReadOnlyList<string> Choices = [Auto, Training, Window];
}
