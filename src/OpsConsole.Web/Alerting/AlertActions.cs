using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Incidents;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Training;

namespace OpsConsole.Alerting;

/// <summary>Raised when a rule asked for a model to be retrained; the training flywheel consumes the stored request.</summary>
public sealed record RetrainingRequested(long RequestId, string Model, int? Version, int? IncidentNumber);

/// <summary>
/// What a firing rule does beyond the incident: notify, roll the model back, request retraining. The rollback is
/// guarded: at most once per incident (claimed on the incident row under its concurrency token, so two evaluators
/// cannot both roll back), only while the version that fired is still the one in production, never to a broken
/// version (the registry walks past those), and audited through the registry's promotion log and the timeline.
/// </summary>
public sealed class AlertActions(OpsDbContext db, IncidentStore incidents, StageChanger stages, LiveEvents live, TimeProvider time, ILogger<AlertActions> logger)
{
    static readonly RegistryActor Alerting = new(null, AlertRouter.Actor, Identity.Roles.Engineer);

    public async Task AfterOpenedAsync(AlertRule rule, Incident incident, SignalReading reading, CancellationToken cancellationToken)
    {
        await incidents.AnnounceOpenedAsync(incident, AlertRouter.Actor, reading.Summary, cancellationToken, notify: rule.Notifies);
        await RunAsync(rule, incident, reading, cancellationToken);
    }

    public Task AfterJoinedAsync(AlertRule rule, Incident incident, SignalReading reading, CancellationToken cancellationToken) =>
        IncidentLifecycle.IsOpen(incident.Status) ? RunAsync(rule, incident, reading, cancellationToken) : Task.CompletedTask;

    async Task RunAsync(AlertRule rule, Incident incident, SignalReading reading, CancellationToken cancellationToken)
    {
        if (rule.RollsBack) await RollBackAsync(rule, incident.Number, reading, cancellationToken);
        if (rule.RequestsRetraining) await RequestRetrainingAsync(rule, incident.Number, reading, cancellationToken);
    }

    public async Task RollBackAsync(AlertRule rule, int number, SignalReading reading, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var fired = reading.Labels.GetValueOrDefault("version");
        // The version check comes before the claim: a rollback skipped because someone already moved production must
        // not use up the incident's one automatic rollback.
        var production = await db.ModelVersions.AsNoTracking().Where(v => v.Model!.Name == rule.Model && v.Stage == ModelStage.Production)
            .Select(v => (int?)v.Version).SingleOrDefaultAsync(cancellationToken);
        if (fired is not null && production?.ToString(CultureInfo.InvariantCulture) != fired)
        {
            await NoteAsync(number, TimelineKinds.Rollback, $"Automatic rollback skipped: v{fired} fired the alert, but v{production?.ToString(CultureInfo.InvariantCulture) ?? "—"} is in production now.", cancellationToken);
            return;
        }
        var claim = await incidents.ChangeAsync(number, null, AlertRouter.Actor, incident =>
        {
            if (incident.AutoRollbackAt is not null) return "This incident already rolled its model back once.";
            incident.AutoRollbackAt = time.GetUtcNow();
            return null;
        }, TimelineKinds.Rollback, cancellationToken);
        if (claim.Kind != OutcomeKind.Done)
        {
            await NoteAsync(number, TimelineKinds.Rollback, $"Automatic rollback skipped: {claim.Message}", cancellationToken);
            return;
        }
        var result = await stages.RollbackAsync(rule.Model, $"Alert rule '{rule.Name}' fired (incident #{number}): {reading.Summary}", Alerting, cancellationToken);
        var text = result.Kind == OutcomeKind.Done
            ? $"Rolled {rule.Model} back automatically from v{fired} to v{result.Value!.Version} (rule '{rule.Name}')."
            : $"Automatic rollback of {rule.Model} failed: {result.Message ?? string.Join("; ", result.Errors.SelectMany(e => e.Value))}";
        logger.AutomaticRollback(rule.Model, number, result.Kind.ToString());
        await NoteAsync(number, TimelineKinds.Rollback, text, cancellationToken);
    }

    async Task RequestRetrainingAsync(AlertRule rule, int number, SignalReading reading, CancellationToken cancellationToken)
    {
        // One open request per model is enough: the flywheel retrains on the latest data whichever alert asked.
        if (await db.RetrainingRequests.AnyAsync(r => r.Model == rule.Model && r.HandledAt == null, cancellationToken))
        {
            await NoteAsync(number, TimelineKinds.Retraining, $"Retraining of {rule.Model} is already requested and waiting.", cancellationToken);
            return;
        }
        var version = int.TryParse(reading.Labels.GetValueOrDefault("version"), CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var request = new RetrainingRequest
        {
            Model = rule.Model, Version = version, RuleId = rule.Id, IncidentNumber = number, Reason = AlertGrouping.Clip($"Rule '{rule.Name}': {reading.Summary}", 500),
            RequestedAt = time.GetUtcNow(), RequestedBy = AlertRouter.Actor,
        };
        db.RetrainingRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await NoteAsync(number, TimelineKinds.Retraining, $"Requested retraining of {rule.Model} (request #{request.Id}).", cancellationToken);
        await live.PublishAsync(new RetrainingRequested(request.Id, rule.Model, version, number));
    }

    async Task NoteAsync(int number, string kind, string text, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await incidents.ChangeAsync(number, null, AlertRouter.Actor, incident =>
        {
            incidents.Record(incident, kind, AlertRouter.Actor, text);
            return null;
        }, kind, cancellationToken);
    }
}
