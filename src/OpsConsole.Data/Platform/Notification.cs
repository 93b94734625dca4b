namespace OpsConsole.Platform;

/// <summary>A message the server sent to one user or to everyone holding a role; shown as a toast and in the notification center.</summary>
public class Notification
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Title { get; set; }
    public string Message { get; set; } = "";
    public NotificationSeverity Severity { get; set; }
    public string? Link { get; set; }
    public string? RecipientUserId { get; set; }
    public string? RecipientRole { get; set; }
}

public enum NotificationSeverity { Info, Success, Warning, Error }
