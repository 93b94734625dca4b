using Microsoft.EntityFrameworkCore;
using OpsConsole.Incidents;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>What one evaluation of one alert did, for the job's count and the tests.</summary>
public sealed record AlertOutcome(long RuleId, string ScopeKey, AlertPhase Phase, AlertTransition Transition, double? Value, string? MutedBy, int? IncidentNumber, bool OpenedIncident);

/// <summary>Raised after an evaluation changed the phase of any of a rule's alerts, so the alerts page redraws.</summary>
public sealed record AlertChanged(long RuleId, string Model);

/// <summary>
/// Evaluates rules: reads each scope's figure, steps the alert through <see cref="AlertStateMachine"/>, and routes
/// firings and resolutions. Each alert's new state is saved under its concurrency token together with the group and
/// incident it opens, in one transaction, so when two servers evaluate the same alert at once exactly one of them
/// acts: the other's save fails, it reloads, and the state it finds has already moved on.
/// </summary>
public sealed class AlertEvaluator(OpsDbContext db, AlertSignalReader reader, AlertRouter router, AlertActions actions,
    LiveEvents live, TimeProvider time)
{
    public async Task<List<AlertOutcome>> EvaluateAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var outcomes = new List<AlertOutcome>();
        var readings = (await reader.ReadAsync(rule, now, cancellationToken)).ToList();
        // An alert whose scope is no longer read (its version left production, its feature left the contract) fails its
        // condition from now on, as a Prometheus alert does when its series goes away, so it resolves instead of firing forever.
        var seen = readings.Select(r => ScopeKey(r.Labels)).ToHashSet(StringComparer.Ordinal);
        var stale = await db.AlertInstances.AsNoTracking().Where(a => a.RuleId == rule.Id && a.Phase != AlertPhase.Inactive).ToListAsync(cancellationToken);
        readings.AddRange(stale.Where(a => !seen.Contains(a.ScopeKey))
            .Select(a => new SignalReading(a.Labels, null, null, null, $"No longer watched: {string.Join(", ", a.Labels.Where(l => l.Key is "version" or "column").Select(l => $"{l.Key} {l.Value}"))} left the rule's scope.", IsGone: true)));
        foreach (var reading in readings)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                db.ChangeTracker.Clear();
                try
                {
                    outcomes.Add(await StepAsync(rule, reading, now, cancellationToken));
                    break;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Another evaluator moved this alert, took its group key or the incident number first: read again.
                }
            }
        }
        // One event per rule, not per scope: a per-feature drift rule changing twenty alerts redraws each page once.
        if (outcomes.Any(o => o.Transition is not (AlertTransition.None or AlertTransition.StillFiring or AlertTransition.KeptFiring)))
            await live.PublishAsync(new AlertChanged(rule.Id, rule.Model));
        return outcomes;
    }

    async Task<AlertOutcome> StepAsync(AlertRule rule, SignalReading reading, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scopeKey = ScopeKey(reading.Labels);
        var instance = await db.AlertInstances.SingleOrDefaultAsync(a => a.RuleId == rule.Id && a.ScopeKey == scopeKey, cancellationToken);
        if (instance is null)
        {
            instance = new AlertInstance { RuleId = rule.Id, ScopeKey = scopeKey, Phase = AlertPhase.Inactive };
            db.AlertInstances.Add(instance);
        }
        var holds = !reading.IsGone && (AlertCondition.Holds(rule.Comparator, rule.Threshold, reading.Value, AlertSignals.IsProportion(rule.Signal) ? reading.Denominator ?? 0 : null, rule.MinimumDenominator)
            || (rule.NoDataMinutes is { } minutes && AlertCondition.NoData(reading.LastDataAt, TimeSpan.FromMinutes(minutes), now)));
        var before = new AlertState(instance.Phase, instance.ActiveAt, instance.FiredAt, instance.KeepFiringSince, instance.ResolvedAt);
        var (state, transition) = AlertStateMachine.Evaluate(before, new AlertTiming(TimeSpan.FromSeconds(rule.ForSeconds), TimeSpan.FromSeconds(rule.KeepFiringForSeconds)), now, holds);
        (instance.Phase, instance.ActiveAt, instance.FiredAt, instance.KeepFiringSince, instance.ResolvedAt) = (state.Phase, state.ActiveAt, state.FiredAt, state.KeepFiringSince, state.ResolvedAt);
        (instance.Labels, instance.LastEvaluatedAt, instance.LastValue, instance.LastDenominator) = (new(reading.Labels), now, reading.Value, reading.Denominator);
        instance.Revision++;

        RoutedFiring? routed = null;
        Incident? touched = null;
        // A firing that a silence or an open SEV1 muted is routed as soon as nothing mutes it any more (the silence
        // expired, the SEV1 was resolved), as Alertmanager notifies a still-firing alert when its silence ends.
        var wasMuted = transition is AlertTransition.StillFiring or AlertTransition.KeptFiring && instance.MutedBy is not null;
        if (transition == AlertTransition.Fired || wasMuted)
        {
            instance.MutedBy = await router.MutedByAsync(reading.Labels, rule.Model, rule.Severity, now, cancellationToken);
            if (instance.MutedBy is null)
            {
                var drill = await DrillBehindAsync(rule, instance.ActiveAt ?? now, cancellationToken);
                routed = await router.FireAsync(GroupKey(rule, reading.Labels), Member(scopeKey, reading, now), () => NewGroup(rule, drill is not null),
                    Opens(rule) ? Opening(rule, reading, drill is not null) : null, reading.Summary, cancellationToken);
                touched = routed.JoinedIncident;
                if (drill is not null && routed.OpenedIncident is not null) drill.DetectedAt ??= now;
                await SaveAsync(routed, instance, reading.Summary, drill, cancellationToken);
                instance.GroupId = routed.Group?.Id;
            }
        }
        else if (transition == AlertTransition.Resolved && instance.GroupId is { } groupId && instance.MutedBy is null)
        {
            touched = await router.ResolveAsync(groupId, scopeKey, "Resolved: " + reading.Summary, cancellationToken);
            instance.GroupId = null;
        }
        else if (transition == AlertTransition.Resolved)
        {
            instance.MutedBy = null;
        }
        await db.SaveChangesAsync(cancellationToken);

        if (routed?.OpenedIncident is { } opened)
        {
            await actions.AfterOpenedAsync(rule, opened, reading, cancellationToken);
        }
        else if (touched is not null)
        {
            await live.PublishAsync(new IncidentChanged(touched.Number, transition == AlertTransition.Fired || wasMuted ? TimelineKinds.AlertFired : TimelineKinds.AlertResolved,
                IncidentRules.Name(touched.Severity), IncidentLifecycle.Name(touched.Status), touched.IsDrill, AlertRouter.Actor));
            if (transition == AlertTransition.Fired || wasMuted) await actions.AfterJoinedAsync(rule, touched, reading, cancellationToken);
        }
        var number = (routed?.OpenedIncident ?? touched)?.Number;
        if (number is null && instance.GroupId is { } group)
        {
            number = await db.AlertGroups.Where(g => g.Id == group && g.IncidentId != null).Join(db.Incidents, g => g.IncidentId, i => i.Id, (g, i) => (int?)i.Number)
                .FirstOrDefaultAsync(cancellationToken);
        }
        return new AlertOutcome(rule.Id, scopeKey, state.Phase, transition, reading.Value, instance.MutedBy, number, routed?.OpenedIncident is not null);
    }

    // The drill this firing is the result of, if any: one on the model whose fault moves this rule's signal, running
    // when the condition began to hold (or just ended: drifted rows stay in the rule's window for a while). Any other
    // firing on a drilled model is a real incident and must page as one.
    async Task<Incidents.Drill?> DrillBehindAsync(AlertRule rule, DateTimeOffset activeAt, CancellationToken cancellationToken)
    {
        var candidates = await db.Drills.Where(d => d.Model == rule.Model && d.StartedAt <= activeAt).OrderByDescending(d => d.StartedAt).Take(5).ToListAsync(cancellationToken);
        var tail = TimeSpan.FromMinutes(Math.Min(rule.WindowMinutes, 60));
        return candidates.FirstOrDefault(d => Scoring.DrillFaults.SignalsFor(d.Fault).Contains(rule.Signal) && activeAt <= (d.StoppedAt ?? d.EndsAt) + tail);
    }

    // A new group and its incident are saved first (the incident needs its id to be linked), then linked, all in one
    // transaction with the alert's state; a clash on the open key or the number throws and the caller starts again.
    async Task SaveAsync(RoutedFiring routed, AlertInstance instance, string summary, Incidents.Drill? drill, CancellationToken cancellationToken)
    {
        if (routed.Group is not { Id: 0 } group) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        instance.GroupId = group.Id;
        router.Link(routed, summary);
        if (drill is not null && routed.OpenedIncident is not null) drill.IncidentId ??= routed.OpenedIncident.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    static bool Opens(AlertRule rule) => rule.OpensIncident || rule.RollsBack;

    static IncidentOpening Opening(AlertRule rule, SignalReading reading, bool isDrill)
    {
        var version = reading.Labels.TryGetValue("version", out var v) && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        return new IncidentOpening(Title(rule, reading), rule.Severity, isDrill ? IncidentSource.Drill : IncidentSource.Rule, [(rule.Model, version)],
            GroupKey(rule, reading.Labels), rule.RunbookSlug, null, isDrill, reading.Summary);
    }

    static AlertGroup NewGroup(AlertRule rule, bool isDrill) => new()
    {
        GroupKey = "", Source = isDrill ? IncidentSource.Drill : IncidentSource.Rule, Title = rule.Name, Severity = rule.Severity, Model = rule.Model, RuleId = rule.Id,
        Labels = new(rule.Labels) { ["model"] = rule.Model },
    };

    static AlertGroupMember Member(string scopeKey, SignalReading reading, DateTimeOffset now) => new()
    {
        Fingerprint = scopeKey, Labels = new(reading.Labels), Annotations = new() { ["summary"] = reading.Summary }, StartsAt = now, Value = reading.Value,
    };

    static string Title(AlertRule rule, SignalReading reading) =>
        reading.Labels.TryGetValue("column", out var column) ? $"{rule.Name} on {rule.Model} ({column})" : $"{rule.Name} on {rule.Model}";

    public static string GroupKey(AlertRule rule, IReadOnlyDictionary<string, string> labels) =>
        AlertGrouping.Key($"rule:{rule.Id}", labels, rule.GroupBy.Count > 0 ? rule.GroupBy : null);

    static readonly string[] ScopeLabels = ["model", "version", "segment", "column"];

    public static string ScopeKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join("|", ScopeLabels.Select(l => $"{l}={labels.GetValueOrDefault(l) ?? ""}"));
}
