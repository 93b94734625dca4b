namespace OpsConsole.Scoring;

/// <summary>A person's or a caller's "look at this one" on a prediction; the review queue samples flagged predictions.</summary>
public class PredictionFlag
{
    public long Id { get; set; }
    public required string PredictionId { get; set; }
    public required string Model { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset FlaggedAt { get; set; }
    public required string FlaggedBy { get; set; }
}
