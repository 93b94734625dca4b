using OpsConsole.Platform;

namespace OpsConsole.Scoring;

/// <summary>
/// Ground truth for a prediction, named by the prediction's id or by the caller's request id. Kept as sent and joined
/// when read, so an outcome may arrive before, with or long after its prediction. High volume, so a log, not audited.
/// </summary>
[NotAudited]
public class PredictionOutcome
{
    public long Id { get; set; }
    public string? PredictionId { get; set; }
    public string? RequestId { get; set; }
    public required string Label { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string ReceivedBy { get; set; }
}
