namespace OpsConsole.Registry.Webhooks;

/// <summary>The registry events a webhook can subscribe to, by the names deliveries carry in <c>type</c>.</summary>
public static class WebhookEvents
{
    public const string VersionRegistered = "version.registered";
    public const string StageChanged = "stage.changed";
    public const string PromotionRequested = "promotion.requested";
    public const string PromotionApproved = "promotion.approved";
    public const string PromotionRejected = "promotion.rejected";
    public const string RollbackExecuted = "rollback.executed";
    public const string ArtifactTampered = "artifact.tampered";

    public static IReadOnlyList<string> All { get; } =
        [VersionRegistered, StageChanged, PromotionRequested, PromotionApproved, PromotionRejected, RollbackExecuted, ArtifactTampered];
}
