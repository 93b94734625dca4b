using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry.Webhooks;

/// <summary>
/// Queues a registry event for every active webhook that wants it. It only adds rows to the caller's context: the caller
/// saves them in the same transaction as the change they describe (a transactional outbox), so an event is queued if
/// and only if its change was committed, and survives the process stopping right after the commit.
/// </summary>
public sealed class WebhookOutbox(TimeProvider time)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(OpsDbContext db, string eventType, object payload, CancellationToken cancellationToken)
    {
        // A handful of rows at most; filtering here keeps the "empty means all" rule out of provider-specific JSON SQL.
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive).ToListAsync(cancellationToken);
        var receivers = subscriptions.Where(s => s.Events.Count == 0 || s.Events.Contains(eventType, StringComparer.Ordinal)).ToList();
        if (receivers.Count == 0) return;

        var now = time.GetUtcNow();
        // One event id for all deliveries of this event, so receivers can tell one event sent to two of their hooks.
        var body = JsonSerializer.Serialize(new WebhookEnvelope(Guid.NewGuid().ToString("N"), eventType, now, payload), Json);
        foreach (var subscription in receivers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = subscription.Id,
                DeliveryId = Guid.NewGuid().ToString("N"),
                EventType = eventType,
                Body = body,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }
}

/// <summary>The JSON body of every delivery: <c>{ "id", "type", "occurredAt", "data" }</c>.</summary>
public sealed record WebhookEnvelope(string Id, string Type, DateTimeOffset OccurredAt, object Data);
