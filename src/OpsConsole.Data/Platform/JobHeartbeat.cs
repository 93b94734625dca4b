namespace OpsConsole.Platform;

/// <summary>The last beat of a recurring job, one row per job; proves that background work runs.</summary>
[NotAudited]
public class JobHeartbeat
{
    public required string JobId { get; set; }
    public DateTimeOffset LastBeatAt { get; set; }
    public required string ServerName { get; set; }
    public int Beats { get; set; }
}
