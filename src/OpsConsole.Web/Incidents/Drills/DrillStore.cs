using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Scoring;

namespace OpsConsole.Incidents.Drills;

/// <summary>A drill as asked for: the model, the fault, and how long (default 10 minutes).</summary>
public sealed record NewDrill(string? Model, string? Fault, int? Minutes);

/// <summary>
/// A drill's report: from the injection to detection (the alert opening the incident), to acknowledgement and to
/// mitigation, each in seconds, with the incident it produced.
/// </summary>
public sealed record DrillView(long Id, string Model, string Fault, DateTimeOffset StartedAt, DateTimeOffset EndsAt, DateTimeOffset? StoppedAt, string StartedBy,
    bool IsRunning, int? IncidentNumber, string? IncidentStatus, double? TimeToDetectSeconds, double? TimeToAcknowledgeSeconds, double? TimeToMitigateSeconds);

/// <summary>Raised when a drill starts or stops, so the drills panel redraws.</summary>
public sealed record DrillChanged(long Id, string Model, bool IsRunning);

/// <summary>
/// Starts and stops drills: a fault injected into the model's simulated traffic. A drill needs the traffic simulator
/// running on the model (drills never touch real traffic) and an enabled rule that watches a signal the fault moves,
/// so the drill can be caught; the incident it opens is marked as a drill and pages nobody outside the console.
/// </summary>
public sealed class DrillStore(OpsDbContext db, TrafficSimulator simulator, LiveEvents live, TimeProvider time)
{
    public const int MaxMinutes = 120;

    public async Task<Outcome<DrillView>> StartAsync(NewDrill input, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Model)) errors["model"] = ["Name the model to drill on."];
        if (input.Fault is null || !DrillFaults.All.Contains(input.Fault)) errors["fault"] = [$"Choose one of {string.Join(", ", DrillFaults.All)}."];
        var minutes = input.Minutes ?? 10;
        if (minutes is < 1 or > MaxMinutes) errors["minutes"] = [$"Run a drill for 1 to {MaxMinutes} minutes."];
        if (errors.Count > 0) return Outcome.Invalid<DrillView>(errors);
        var model = input.Model!.Trim();
        if (!await db.Models.AnyAsync(m => m.Name == model, cancellationToken)) return Outcome.NotFound<DrillView>($"There is no model named '{model}'.");
        if (!simulator.IsRunning(model))
            return Outcome.Conflict<DrillView>($"Start the traffic simulator on {model} first: a drill injects its fault into simulated traffic only, never into real requests.");
        var now = time.GetUtcNow();
        if (await db.Drills.AnyAsync(d => d.Model == model && d.StoppedAt == null && d.EndsAt > now, cancellationToken))
            return Outcome.Conflict<DrillView>($"A drill is already running on {model}; stop it first.");
        var signals = DrillFaults.SignalsFor(input.Fault!);
        if (!await db.AlertRules.AnyAsync(r => r.Model == model && r.IsEnabled && signals.Contains(r.Signal), cancellationToken))
            return Outcome.Conflict<DrillView>($"No enabled alert rule on {model} watches {string.Join(" or ", signals)}, so nothing would catch this drill. Add one from a template first.");
        var drill = new Drill { Model = model, Fault = input.Fault!, StartedAt = now, EndsAt = now.AddMinutes(minutes), StartedBy = actor };
        db.Drills.Add(drill);
        await db.SaveChangesAsync(cancellationToken);
        simulator.InjectFault(model, drill.Fault, drill.EndsAt);
        await live.PublishAsync(new DrillChanged(drill.Id, model, true));
        return Outcome.Done(await ViewAsync(drill, cancellationToken));
    }

    public async Task<Outcome<DrillView>> StopAsync(long id, CancellationToken cancellationToken)
    {
        var drill = await db.Drills.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (drill is null) return Outcome.NotFound<DrillView>($"There is no drill {id}.");
        var now = time.GetUtcNow();
        if (drill.StoppedAt is not null || drill.EndsAt <= now) return Outcome.Conflict<DrillView>($"Drill {id} has already ended.");
        drill.StoppedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        simulator.ClearFault(drill.Model);
        await live.PublishAsync(new DrillChanged(drill.Id, drill.Model, false));
        return Outcome.Done(await ViewAsync(drill, cancellationToken));
    }

    public async Task<List<DrillView>> ListAsync(string? model, CancellationToken cancellationToken)
    {
        var rows = await db.Drills.AsNoTracking().Where(d => model == null || d.Model == model).OrderByDescending(d => d.StartedAt).Take(100).ToListAsync(cancellationToken);
        var ids = rows.Select(d => d.IncidentId).OfType<long>().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return rows.ConvertAll(d => View(d, d.IncidentId is { } id ? incidents.GetValueOrDefault(id) : null));
    }

    public async Task<DrillView?> GetAsync(long id, CancellationToken cancellationToken) =>
        await db.Drills.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } row ? await ViewAsync(row, cancellationToken) : null;

    async Task<DrillView> ViewAsync(Drill d, CancellationToken cancellationToken) =>
        View(d, d.IncidentId is { } id ? await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null);

    DrillView View(Drill d, Incident? incident)
    {
        double? Since(DateTimeOffset? at) => at is { } t ? (t - d.StartedAt).TotalSeconds : null;
        var running = d.StoppedAt is null && d.EndsAt > time.GetUtcNow();
        return new DrillView(d.Id, d.Model, d.Fault, d.StartedAt, d.EndsAt, d.StoppedAt, d.StartedBy, running, incident?.Number,
            incident is null ? null : IncidentLifecycle.Name(incident.Status), Since(d.DetectedAt), Since(incident?.AcknowledgedAt), Since(incident?.MitigatedAt));
    }
}
