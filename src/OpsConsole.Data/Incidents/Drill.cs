namespace OpsConsole.Incidents;

/// <summary>
/// An incident drill: a fault injected into a model's simulated traffic for a while, to see the alert fire and the
/// incident worked. Its report reads the incident's milestones against <see cref="StartedAt"/>.
/// </summary>
public class Drill
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public required string Fault { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public long? IncidentId { get; set; }
    public DateTimeOffset? DetectedAt { get; set; }
}
