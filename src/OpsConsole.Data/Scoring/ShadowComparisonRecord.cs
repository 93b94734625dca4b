using OpsConsole.Platform;

namespace OpsConsole.Scoring;

/// <summary>
/// One request row scored by a shadow version beside the version that served it. Written by the shadow worker in
/// batches; like the prediction log it is a log, not a state change, so it is not audited.
/// </summary>
[NotAudited]
public class ShadowComparisonRecord
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int ShadowVersion { get; set; }
    public int PrimaryVersion { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Segment { get; set; }
    public string? RequestId { get; set; }
    public string? PrimaryPredictionId { get; set; }
    public string? PrimaryLabel { get; set; }
    public string? ShadowLabel { get; set; }
    public bool Agrees { get; set; }
    public double? PrimaryConfidence { get; set; }
    public double? ShadowConfidence { get; set; }
    public double? PrimaryValue { get; set; }
    public double? ShadowValue { get; set; }
    public double PrimaryLatencyMs { get; set; }
    public double ShadowLatencyMs { get; set; }

    /// <summary>The row's inputs, kept only when the two versions disagree: the examples a reviewer looks at.</summary>
    public string? FeaturesJson { get; set; }
}
