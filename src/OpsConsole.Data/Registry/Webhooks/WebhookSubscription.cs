namespace OpsConsole.Registry.Webhooks;

/// <summary>
/// An address that receives registry events, signed with its own secret. The secret is kept as given, not hashed: the
/// console needs it to sign every delivery. It is never shown again and is masked in the audit log.
/// </summary>
public class WebhookSubscription
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }

    /// <summary>The event types it receives; empty means every event.</summary>
    public List<string> Events { get; set; } = [];

    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
