namespace OpsConsole.Registry.Webhooks;

/// <summary>Where a webhook delivery stands: waiting for its (next) attempt, accepted by the receiver, or given up.</summary>
public enum WebhookDeliveryStatus { Pending, Delivered, Failed }
