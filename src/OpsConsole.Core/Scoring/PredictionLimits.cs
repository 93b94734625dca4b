namespace OpsConsole.Scoring;

/// <summary>Column sizes of the prediction log, checked at the door so one long value cannot fail a shared batch.</summary>
public static class PredictionLimits
{
    public const int LabelLength = 200;
    public const int SegmentLength = 100;
    public const int RequestIdLength = 200;

    /// <summary>A model's own label longer than the column is cut, not refused: the caller did nothing wrong.</summary>
    public static string? Clip(string? label) => label is { Length: > LabelLength } ? label[..LabelLength] : label;
}
