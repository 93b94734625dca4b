using OpsConsole.Platform;

namespace OpsConsole.Registry.Webhooks;

/// <summary>
/// One event on its way to one subscription, written in the same transaction as the registry change that raised it
/// (a transactional outbox), then sent and retried by the delivery job. It is the delivery log itself.
/// </summary>
[NotAudited]   // its own log, written on every attempt; auditing it would double the volume and say nothing new
public class WebhookDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }

    /// <summary>A new <see cref="Guid"/> in "N" format per delivery; receivers use it to drop duplicates.</summary>
    public required string DeliveryId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The JSON sent as the request body, exactly the bytes the signature covers.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
