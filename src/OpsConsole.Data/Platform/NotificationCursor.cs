namespace OpsConsole.Platform;

/// <summary>When a user last opened the notification center; newer notifications count as unread.</summary>
[NotAudited]
public class NotificationCursor
{
    public required string UserId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}
