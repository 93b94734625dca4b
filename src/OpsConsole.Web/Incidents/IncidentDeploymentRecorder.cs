using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Incidents;

/// <summary>
/// Writes every promotion and rollback of a model into the timeline of each open incident that affects it, so the
/// timeline shows "v3 went to canary" right where it happened. An alert rule's own rollback is already recorded, with
/// its reason, in the incident that made it, so that one incident does not get it twice.
/// </summary>
public sealed class IncidentDeploymentRecorder(LiveEvents live, IServiceScopeFactory scopes, TimeProvider time, ILogger<IncidentDeploymentRecorder> logger) : IHostedService
{
    IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<ModelStageChanged>(RecordAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    async Task RecordAsync(ModelStageChanged change)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Identity.AuditActor>().UseSystem("system:incidents");
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IncidentStore>();
            // The incident whose rule rolled the model back has that line already, with its reason; the others need it.
            var byRule = change.Actor == Alerting.AlertRouter.Actor;
            var recently = time.GetUtcNow().AddMinutes(-1);
            var open = await db.Incidents.Where(i => i.Status != IncidentStatus.Resolved && i.Models.Any(m => m.Model == change.Model))
                .Where(i => !byRule || i.AutoRollbackAt == null || i.AutoRollbackAt < recently)
                .Select(i => i.Number).ToListAsync();
            var kind = change.IsRollback ? TimelineKinds.Rollback : TimelineKinds.Promotion;
            var text = change.IsRollback
                ? $"{change.Model} rolled back: v{change.Version} is in production again (by {change.Actor})."
                : $"{change.Model} v{change.Version}: {change.From} → {change.To} (by {change.Actor}).";
            foreach (var number in open)
            {
                db.ChangeTracker.Clear();
                await store.ChangeAsync(number, null, change.Actor, incident =>
                {
                    store.Record(incident, kind, change.Actor, text);
                    return null;
                }, kind, CancellationToken.None);
            }
        }
        catch (Exception exception)   // a missed timeline line must not break the stage change that caused it
        {
            logger.DeploymentNotRecorded(exception, change.Model, change.Version);
        }
    }
}
