using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry.Webhooks;

/// <summary>Adding and deactivating webhooks, the delivery log and manual retries; the webhooks page and API share it.</summary>
public sealed class WebhookAdministration(IDbContextFactory<OpsDbContext> factory, TimeProvider time)
{
    public const int MaxDeliveries = 500;

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookSubscriptions.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(WebhookView.From);
    }

    public async Task<(WebhookView? Created, Dictionary<string, string[]> Errors)> CreateAsync(NewWebhook input, string createdBy, CancellationToken cancellationToken)
    {
        var errors = WebhookRules.Check(input);
        if (errors.Count > 0) return (null, errors);

        var row = new WebhookSubscription
        {
            Url = input.Url!.Trim(),
            Secret = input.Secret!,
            Events = [.. (input.Events ?? []).Distinct(StringComparer.Ordinal)],
            Description = input.Description?.Trim() ?? "",
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.WebhookSubscriptions.Add(row);
        await db.SaveChangesAsync(cancellationToken);   // audited, with the secret masked
        return (WebhookView.From(row), []);
    }

    /// <summary>Stops new deliveries at once; pending ones fail instead of being sent. The log stays. Null when there is no such webhook.</summary>
    public async Task<WebhookView?> DeactivateAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null) return null;
        if (row.IsActive)
        {
            row.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }
        return WebhookView.From(row);
    }

    /// <summary>The newest deliveries first, of one webhook or of all; <paramref name="take"/> is capped at <see cref="MaxDeliveries"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(long? subscriptionId, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (subscriptionId is { } only) deliveries = deliveries.Where(d => d.SubscriptionId == only);
        var rows = await (
            from delivery in deliveries
            join subscription in db.WebhookSubscriptions on delivery.SubscriptionId equals subscription.Id
            orderby delivery.Id descending
            select new { Delivery = delivery, subscription.Url })
            .Take(Math.Clamp(take, 1, MaxDeliveries))
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => WebhookDeliveryView.From(r.Delivery, r.Url));
    }

    /// <summary>
    /// Makes a delivery due now, whether it failed for good or waits for its next attempt; the attempt count is kept, so a
    /// failed one gets one more try. Null when there is no such delivery.
    /// </summary>
    public async Task<WebhookDeliveryView?> RetryAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await (
            from delivery in db.WebhookDeliveries
            join subscription in db.WebhookSubscriptions on delivery.SubscriptionId equals subscription.Id
            where delivery.Id == deliveryId
            select new { Delivery = delivery, subscription.Url })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        if (found.Delivery.Status != WebhookDeliveryStatus.Delivered)
        {
            found.Delivery.Status = WebhookDeliveryStatus.Pending;
            found.Delivery.NextAttemptAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return WebhookDeliveryView.From(found.Delivery, found.Url);
    }
}
