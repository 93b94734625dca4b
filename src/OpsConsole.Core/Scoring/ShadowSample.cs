namespace OpsConsole.Scoring;

/// <summary>
/// One request row scored by production (primary) and by a shadow version. Classifiers fill labels and confidences,
/// regressors fill values. Latencies are per row: a request's run time divided by its rows, the same on both sides.
/// </summary>
public sealed record ShadowSample(
    DateTimeOffset At, string? Segment, string? PrimaryLabel, string? ShadowLabel, double? PrimaryConfidence, double? ShadowConfidence,
    double? PrimaryValue, double? ShadowValue, double PrimaryLatencyMs, double ShadowLatencyMs)
{
    /// <summary>Two regression outputs agree when they differ by at most this share of the larger magnitude.</summary>
    public const double RegressionTolerance = 0.05;

    /// <summary>
    /// Equal labels for a classifier (STATISTICS.md's agreement); for a regressor, values within
    /// <see cref="RegressionTolerance"/> of each other relative to the larger one.
    /// </summary>
    public bool Agrees => PrimaryLabel is not null || ShadowLabel is not null
        ? string.Equals(PrimaryLabel, ShadowLabel, StringComparison.Ordinal)
        : PrimaryValue is { } p && ShadowValue is { } s && Math.Abs(s - p) <= RegressionTolerance * Math.Max(Math.Abs(p), Math.Abs(s)) + 1e-12;

    /// <summary>|shadow confidence − primary confidence|, each being its own top-class probability; null for regression.</summary>
    public double? AbsDeltaConfidence => PrimaryConfidence is { } p && ShadowConfidence is { } s ? Math.Abs(s - p) : null;
}
