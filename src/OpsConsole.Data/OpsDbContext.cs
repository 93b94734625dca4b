using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;
using OpsConsole.Platform;
using OpsConsole.Registry.Webhooks;
using OpsConsole.Scoring;
using OpsConsole.Registry;

namespace OpsConsole;

/// <summary>The console's one database: Identity's tables plus every feature's entities.</summary>
public class OpsDbContext(DbContextOptions<OpsDbContext> options) : IdentityDbContext<OpsUser>(options), IDataProtectionKeyContext
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationCursor> NotificationCursors => Set<NotificationCursor>();
    public DbSet<JobHeartbeat> JobHeartbeats => Set<JobHeartbeat>();
    public DbSet<RegisteredModel> Models => Set<RegisteredModel>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<PromotionLogEntry> PromotionLog => Set<PromotionLogEntry>();
    public DbSet<ArtifactBlob> ArtifactBlobs => Set<ArtifactBlob>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<PredictionRecord> Predictions => Set<PredictionRecord>();
    public DbSet<ShadowComparisonRecord> ShadowComparisons => Set<ShadowComparisonRecord>();
    public DbSet<PredictionOutcome> PredictionOutcomes => Set<PredictionOutcome>();
    public DbSet<PredictionFlag> PredictionFlags => Set<PredictionFlag>();
    public DbSet<Monitoring.DriftSnapshot> DriftSnapshots => Set<Monitoring.DriftSnapshot>();
    public DbSet<Monitoring.PredictionRollup> PredictionRollups => Set<Monitoring.PredictionRollup>();
    public DbSet<Monitoring.ServiceErrorRollup> ServiceErrorRollups => Set<Monitoring.ServiceErrorRollup>();
    public DbSet<Monitoring.ReferenceProfile> ReferenceProfiles => Set<Monitoring.ReferenceProfile>();
    public DbSet<Monitoring.ReferenceProfileRow> ReferenceProfileRows => Set<Monitoring.ReferenceProfileRow>();
    public DbSet<Alerting.AlertRule> AlertRules => Set<Alerting.AlertRule>();
    public DbSet<Alerting.AlertInstance> AlertInstances => Set<Alerting.AlertInstance>();
    public DbSet<Alerting.AlertGroup> AlertGroups => Set<Alerting.AlertGroup>();
    public DbSet<Alerting.AlertGroupMember> AlertGroupMembers => Set<Alerting.AlertGroupMember>();
    public DbSet<Alerting.AlertSilence> AlertSilences => Set<Alerting.AlertSilence>();
    public DbSet<Incidents.Incident> Incidents => Set<Incidents.Incident>();
    public DbSet<Incidents.IncidentModel> IncidentModels => Set<Incidents.IncidentModel>();
    public DbSet<Incidents.IncidentTimelineEntry> IncidentTimeline => Set<Incidents.IncidentTimelineEntry>();
    public DbSet<Incidents.IncidentStepCheck> IncidentStepChecks => Set<Incidents.IncidentStepCheck>();
    public DbSet<Incidents.Runbook> Runbooks => Set<Incidents.Runbook>();
    public DbSet<Incidents.Drill> Drills => Set<Incidents.Drill>();
    public DbSet<Training.RetrainingRequest> RetrainingRequests => Set<Training.RetrainingRequest>();
    public DbSet<Review.PredictionReview> PredictionReviews => Set<Review.PredictionReview>();

    /// <summary>ASP.NET Core's data-protection keys, so sign-in cookies survive restarts and work on every server.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OpsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset in SQL, so every instant is stored as UTC ticks on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
