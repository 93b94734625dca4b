namespace OpsConsole.Training;

/// <summary>
/// A request to retrain a model, raised by an alert rule that says so. Stored, not only published, so the training
/// flywheel (a later module) finds every request even if it was not running when the alert fired.
/// </summary>
public class RetrainingRequest
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int? Version { get; set; }
    public long? RuleId { get; set; }
    public int? IncidentNumber { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}
