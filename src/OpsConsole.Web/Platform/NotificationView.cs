namespace OpsConsole.Platform;

/// <summary>A notification as the shell, the hub and the API send it.</summary>
public sealed record NotificationView(
    long Id, DateTimeOffset CreatedAt, string Title, string Message, string Severity, string? Link, string? RecipientUserId, string? RecipientRole)
{
    public static NotificationView From(Notification row) => new(
        row.Id, row.CreatedAt, row.Title, row.Message, row.Severity.ToString().ToLowerInvariant(), row.Link, row.RecipientUserId, row.RecipientRole);

    public bool IsFor(string? userId, string? role) =>
        RecipientUserId is not null ? RecipientUserId == userId : RecipientRole is not null && NotificationRules.RoleReaches(RecipientRole, role);
}

/// <summary>Published on <see cref="LiveEvents"/> after a notification is stored.</summary>
public sealed record NotificationPublished(NotificationView Notification);
