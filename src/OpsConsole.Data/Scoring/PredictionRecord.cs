using OpsConsole.Platform;

namespace OpsConsole.Scoring;

/// <summary>
/// One prediction as the prediction log keeps it. High volume and written by the batched writer, so it is not audited:
/// the log is itself the record.
/// </summary>
[NotAudited]
public class PredictionRecord
{
    public required string Id { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public DateTimeOffset At { get; set; }
    public string FeaturesJson { get; set; } = "{}";
    public string? Label { get; set; }
    public string? ProbabilitiesJson { get; set; }
    public double? Confidence { get; set; }
    public double? Value { get; set; }
    public double LatencyMs { get; set; }

    /// <summary>This row's share of the model run's time (ms); null when the console did not run the model (ingested, default label).</summary>
    public double? InferenceMs { get; set; }
    public string? Segment { get; set; }
    public string? RequestId { get; set; }
    public required string ServedBy { get; set; }
}
