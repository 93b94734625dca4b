using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

/// <summary>What the notification center reads; one context per call, since a circuit outlives any one context.</summary>
public sealed class NotificationQueries(IDbContextFactory<OpsDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<NotificationView>> RecentAsync(string userId, string? role, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var roles = RolesReached(role);
        var rows = await ForRecipient(db, userId, roles).OrderByDescending(x => x.CreatedAt).Take(take).ToListAsync(cancellationToken);
        return rows.ConvertAll(NotificationView.From);
    }

    public async Task<int> UnreadCountAsync(string userId, string? role, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var seenAt = await db.NotificationCursors.AsNoTracking().Where(x => x.UserId == userId)
            .Select(x => (DateTimeOffset?)x.SeenAt).SingleOrDefaultAsync(cancellationToken) ?? DateTimeOffset.MinValue;
        return await ForRecipient(db, userId, RolesReached(role)).CountAsync(x => x.CreatedAt > seenAt, cancellationToken);
    }

    public async Task MarkSeenAsync(string userId, CancellationToken cancellationToken)
    {
        // Two tabs may create the cursor at once; the loser of that race retries as an update.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var cursor = await db.NotificationCursors.SingleOrDefaultAsync(x => x.UserId == userId, cancellationToken);
            if (cursor is null) db.NotificationCursors.Add(cursor = new NotificationCursor { UserId = userId });
            cursor.SeenAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
            }
        }
    }

    /// <summary>A notification to a role reaches everyone at or above it, so a user sees those sent to their role and below.</summary>
    static string[] RolesReached(string? role) => role is null ? [] : [.. Roles.All.Take(Roles.Rank(role) + 1)];

    static IQueryable<Notification> ForRecipient(OpsDbContext db, string userId, string[] roles) =>
        db.Notifications.AsNoTracking().Where(x => x.RecipientUserId == userId || (x.RecipientRole != null && roles.Contains(x.RecipientRole)));
}
