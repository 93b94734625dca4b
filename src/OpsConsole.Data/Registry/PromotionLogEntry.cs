namespace OpsConsole.Registry;

/// <summary>
/// One stage transition, appended and never changed: who moved which version from where to where, why, which version
/// held the stage before, and the gate report that allowed it.
/// </summary>
public class PromotionLogEntry
{
    public long Id { get; set; }
    public long ModelId { get; set; }
    public long VersionId { get; set; }
    public int Version { get; set; }
    public ModelStage FromStage { get; set; }
    public ModelStage ToStage { get; set; }
    public int? TrafficPercent { get; set; }
    public int? PreviousHolder { get; set; }
    public required string Reason { get; set; }
    public string? GateReportJson { get; set; }
    public bool IsOverride { get; set; }
    public bool IsRollback { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
}
