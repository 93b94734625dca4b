namespace OpsConsole.Registry.Webhooks;

/// <summary>A webhook as the page and <c>GET /api/webhooks</c> show it: never its secret.</summary>
public sealed record WebhookView(long Id, string Url, IReadOnlyList<string> Events, string Description, bool IsActive, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookView From(WebhookSubscription row) =>
        new(row.Id, row.Url, row.Events, row.Description, row.IsActive, row.CreatedAt, row.CreatedBy);
}

/// <summary>One line of the delivery log: what was sent where, and how its attempts went (the body stays in the database).</summary>
public sealed record WebhookDeliveryView(
    long Id, long SubscriptionId, string Url, string DeliveryId, string EventType, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt)
{
    public static WebhookDeliveryView From(WebhookDelivery row, string url) => new(
        row.Id, row.SubscriptionId, url, row.DeliveryId, row.EventType, StatusName(row.Status), row.Attempts,
        row.CreatedAt, row.NextAttemptAt, row.LastAttemptAt, row.LastStatusCode, row.LastError, row.DeliveredAt);

    /// <summary>The lower-case names the API speaks: "pending", "delivered", "failed".</summary>
    public static string StatusName(WebhookDeliveryStatus status) => status.ToString().ToLowerInvariant();
}
