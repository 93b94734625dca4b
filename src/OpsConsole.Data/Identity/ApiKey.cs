using OpsConsole.Platform;

namespace OpsConsole.Identity;

/// <summary>A key for scripts and tools, scoped to one role. Only the SHA-256 of the key is stored; the key itself is shown once.</summary>
public class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public required string DisplayPrefix { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    // Touched on use at most once a minute; recording every touch would bury the decisions in the audit log.
    [NotAudited]
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
