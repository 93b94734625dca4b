namespace OpsConsole.Identity;

/// <summary>One state change: who did what to which entity, when, with a before/after summary as JSON.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public string Changes { get; set; } = "{}";
}

/// <summary>The three kinds of change the audit log records.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
}
