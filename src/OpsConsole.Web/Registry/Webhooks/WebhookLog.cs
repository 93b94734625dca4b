namespace OpsConsole.Registry.Webhooks;

// Subscription ids, not URLs: a webhook URL often carries its own token (Slack, Teams), and logs are not for secrets.
static partial class WebhookLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({EventType}) to subscription {SubscriptionId} delivered with {StatusCode} on attempt {Attempt}")]
    public static partial void WebhookDelivered(this ILogger logger, string deliveryId, string eventType, long subscriptionId, int statusCode, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({EventType}) to subscription {SubscriptionId} failed on attempt {Attempt}: {Error}; next attempt at {NextAttemptAt}")]
    public static partial void WebhookAttemptFailed(this ILogger logger, string deliveryId, string eventType, long subscriptionId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} ({EventType}) to subscription {SubscriptionId} gave up after {Attempts} attempts: {Error}")]
    public static partial void WebhookGaveUp(this ILogger logger, string deliveryId, string eventType, long subscriptionId, int attempts, string error);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Webhook delivery run attempted {Count} deliveries")]
    public static partial void WebhookRunFinished(this ILogger logger, int count);
}
