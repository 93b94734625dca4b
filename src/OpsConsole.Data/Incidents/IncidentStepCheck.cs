namespace OpsConsole.Incidents;

/// <summary>A runbook step ticked in one incident: who and when (unticking removes the row and says so in the timeline).</summary>
public class IncidentStepCheck
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public int StepIndex { get; set; }
    public required string StepText { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public required string CheckedBy { get; set; }
}
