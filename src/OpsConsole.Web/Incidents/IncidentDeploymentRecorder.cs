using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Incidents;

/// <summary>
/// Writes every promotion and rollback of a model into the timeline of each open incident that affects it, so the
/// timeline shows "v3 went to canary" right where it happened. An alert rule's own rollback is already recorded, with
/// its reason, by the rule's action, so it is not written twice.
/// </summary>
public sealed class IncidentDeploymentRecorder(LiveEvents live, IServiceScopeFactory scopes, ILogger<IncidentDeploymentRecorder> logger) : IHostedService
{
    IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<ModelStageChanged>(e => e.Actor != Alerting.AlertRouter.Actor, RecordAsync);
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
            var open = await db.Incidents.Where(i => i.Status != IncidentStatus.Resolved && i.Models.Any(m => m.Model == change.Model))
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
