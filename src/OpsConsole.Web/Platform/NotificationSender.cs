using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Platform;

/// <summary>Stores a notification, then delivers it to the shell (live events) and to hub clients (SignalR).</summary>
public sealed class NotificationSender(IDbContextFactory<OpsDbContext> factory, LiveEvents live, IHubContext<NotificationHub> hub, TimeProvider time, ILogger<NotificationSender> logger)
{
    public async Task<NotificationView> SendAsync(NewNotification input, CancellationToken cancellationToken)
    {
        var row = new Notification
        {
            CreatedAt = time.GetUtcNow(),
            Title = input.Title!.Trim(),
            Message = input.Message?.Trim() ?? "",
            Severity = Enum.Parse<NotificationSeverity>(input.Severity ?? "info", ignoreCase: true),
            Link = input.Link,
            RecipientUserId = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId,
            RecipientRole = string.IsNullOrWhiteSpace(input.Role) ? null : input.Role,
        };
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Notifications.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }

        var view = NotificationView.From(row);
        var group = view.RecipientUserId is { } userId ? NotificationHub.UserGroup(userId) : NotificationHub.RoleGroup(view.RecipientRole!);
        await hub.Clients.Group(group).SendAsync(NotificationHub.MessageName, view, cancellationToken);
        await live.PublishAsync(new NotificationPublished(view));
        logger.NotificationSent(row.Id, group);
        return view;
    }
}
