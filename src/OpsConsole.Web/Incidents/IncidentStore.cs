using Microsoft.EntityFrameworkCore;
using OpsConsole.Alerting;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Incidents;

/// <summary>What opens an incident: a rule's or Alertmanager's alert group, a person, or a drill.</summary>
public sealed record IncidentOpening(string Title, Severity Severity, IncidentSource Source, IReadOnlyList<(string Model, int? Version)> Models,
    string? GroupKey, string? RunbookSlug, string? RunbookUrl, bool IsDrill, string Reason, string Summary = "");

/// <summary>
/// Opens incidents and applies every change people and alerts make to them, each with its timeline entry in the same
/// save. Changes carry the revision the caller saw: a stale one is a conflict naming who changed the incident since,
/// so two engineers editing one incident never silently overwrite each other.
/// </summary>
public sealed class IncidentStore(OpsDbContext db, LiveEvents live, IEnumerable<IIncidentNotifier> notifiers, TimeProvider time, ILogger<IncidentStore> logger)
{
    /// <summary>Adds a new incident with the next number, in the caller's unsaved changes (so an alert group and its incident commit together).</summary>
    public async Task<Incident> AddAsync(IncidentOpening opening, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runbook = opening.RunbookSlug is { } slug
            ? await db.Runbooks.AsNoTracking().Where(r => r.Slug == slug).OrderByDescending(r => r.Version).Select(r => (int?)r.Version).FirstOrDefaultAsync(cancellationToken)
            : null;
        var incident = new Incident
        {
            Number = await NextNumberAsync(cancellationToken), Title = AlertGrouping.Clip(opening.Title.Trim(), IncidentRules.MaxTitleLength), Severity = opening.Severity,
            Status = IncidentStatus.Triggered, Source = opening.Source, GroupKey = opening.GroupKey, IsDrill = opening.IsDrill, OpenedAt = now,
            RunbookSlug = runbook is null ? null : opening.RunbookSlug, RunbookVersion = runbook, RunbookUrl = opening.RunbookUrl,
            StakeholderUpdate = opening.Summary.Trim(), StakeholderUpdatedAt = opening.Summary.Length > 0 ? now : null, CreatedBy = actor,
            Models = [.. opening.Models.DistinctBy(m => (m.Model, m.Version)).Select(m => new IncidentModel { Model = m.Model, Version = m.Version })],
        };
        db.Incidents.Add(incident);
        return incident;
    }

    /// <summary>Adds a timeline entry to the caller's unsaved changes.</summary>
    public void Record(Incident incident, string kind, string actor, string text) =>
        db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incident.Id, At = time.GetUtcNow(), Kind = kind, Actor = actor, Text = AlertGrouping.Clip(text.Trim(), IncidentRules.MaxNoteLength + 200) });

    /// <summary>After the opening save: the first timeline entry, the live event and the notifications.</summary>
    public async Task AnnounceOpenedAsync(Incident incident, string actor, string reason, CancellationToken cancellationToken, bool notify = true)
    {
        var view = IncidentView.From(incident);
        logger.IncidentOpened(incident.Number, view.Severity, view.Source, incident.IsDrill);
        await live.PublishAsync(new IncidentChanged(incident.Number, TimelineKinds.Opened, view.Severity, view.Status, incident.IsDrill, actor));
        if (!notify) return;
        var notice = new IncidentNotice(incident.Number, incident.Title, view.Severity, Severities.Pages(incident.Severity), incident.IsDrill, view.Models, incident.Assignees, reason);
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notice, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)   // a broken notifier must not undo the incident
            {
                logger.NotifierFailed(exception, incident.Number, notifier.GetType().Name);
            }
        }
    }

    /// <summary>A manual incident, opened by a person from the API or the incidents page.</summary>
    public async Task<Outcome<IncidentView>> OpenManualAsync(NewIncident input, string actor, CancellationToken cancellationToken)
    {
        var errors = IncidentRules.Check(input);
        var models = (input.Models ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Models.Where(m => models.Contains(m.Name)).Select(m => m.Name).ToListAsync(cancellationToken);
        if (models.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown) errors["models"] = [$"No model named {string.Join(", ", unknown.Select(u => $"'{u}'"))}."];
        var runbook = string.IsNullOrWhiteSpace(input.Runbook) ? null : input.Runbook.Trim();
        if (runbook is not null && !await db.Runbooks.AnyAsync(r => r.Slug == runbook, cancellationToken)) errors["runbook"] = [$"There is no runbook '{runbook}'."];
        if (errors.Count > 0) return Outcome.Invalid<IncidentView>(errors);
        for (var attempt = 0; ; attempt++)
        {
            var opening = new IncidentOpening(input.Title!, IncidentRules.ParseSeverity(input.Severity)!.Value, IncidentSource.Manual,
                [.. models.Select(m => (m, (int?)null))], null, runbook, null, false, "Opened by " + actor, input.Summary ?? "");
            var incident = await AddAsync(opening, actor, cancellationToken);
            if (await TrySaveNewAsync(incident, attempt, cancellationToken) is false) continue;
            Record(incident, TimelineKinds.Opened, actor, $"Opened by hand as {IncidentRules.Name(incident.Severity)}.");
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceOpenedAsync(incident, actor, "Opened by " + actor + ".", cancellationToken);
            return Outcome.Done(IncidentView.From(incident));
        }
    }

    /// <summary>
    /// Saves a just-added incident; when another writer took the same number first, forgets the attempt and says to
    /// retry (false), up to a few times.
    /// </summary>
    public async Task<bool> TrySaveNewAsync(Incident incident, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (attempt < 5)
        {
            db.ChangeTracker.Clear();
            if (!await db.Incidents.AnyAsync(i => i.Number == incident.Number, cancellationToken)) throw;
            return false;
        }
    }

    public async Task<Outcome<IncidentView>> ChangeStatusAsync(int number, string? status, string? note, int? revision, string actor, CancellationToken cancellationToken)
    {
        if (IncidentLifecycle.Parse(status) is not { } to)
            return Outcome.Invalid<IncidentView>("status", "Choose triggered, acknowledged, investigating, mitigated or resolved.");
        if (note is { Length: > IncidentRules.MaxNoteLength }) return Outcome.Invalid<IncidentView>("note", $"Use at most {IncidentRules.MaxNoteLength} characters.");
        var outcome = await ChangeAsync(number, revision, actor, incident =>
        {
            if (IncidentLifecycle.Refusal(incident.Status, to) is { } refusal) return refusal;
            var from = incident.Status;
            var times = IncidentLifecycle.After(incident.Milestones, to, time.GetUtcNow());
            (incident.Status, incident.AcknowledgedAt, incident.MitigatedAt, incident.ResolvedAt) = (to, times.AcknowledgedAt, times.MitigatedAt, times.ResolvedAt);
            var verb = from == IncidentStatus.Resolved ? "Reopened" : "Status";
            var text = $"{verb}: {IncidentLifecycle.Name(from)} → {IncidentLifecycle.Name(to)}" + (string.IsNullOrWhiteSpace(note) ? "." : $". {note.Trim()}");
            Record(incident, TimelineKinds.Status, actor, text);
            return null;
        }, TimelineKinds.Status, cancellationToken);
        if (outcome.Kind == OutcomeKind.Done && to == IncidentStatus.Resolved) await CloseGroupsAsync(number, cancellationToken);
        return outcome;
    }

    // A resolved incident's alert groups close, so the next firing of their key opens a new incident.
    async Task CloseGroupsAsync(int number, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var id = await db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync(cancellationToken);
        var open = await db.AlertGroups.Where(g => g.IncidentId == id && g.OpenKey != null).ToListAsync(cancellationToken);
        if (open.Count == 0) return;
        foreach (var group in open) (group.OpenKey, group.ResolvedAt) = (null, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Outcome<IncidentView>> AddNoteAsync(int number, string? text, string actor, CancellationToken cancellationToken)
    {
        if (IncidentRules.CheckNote(text) is { } problem) return Outcome.Invalid<IncidentView>("text", problem);
        // A note never conflicts: it changes nothing anyone else is editing, so it carries no revision.
        return await ChangeAsync(number, null, actor, incident =>
        {
            Record(incident, TimelineKinds.Note, actor, text!.Trim());
            return null;
        }, TimelineKinds.Note, cancellationToken);
    }

    public async Task<Outcome<IncidentView>> ChangeSeverityAsync(int number, string? severity, int? revision, string actor, CancellationToken cancellationToken)
    {
        if (IncidentRules.ParseSeverity(severity) is not { } to) return Outcome.Invalid<IncidentView>("severity", "Choose SEV1, SEV2, SEV3 or SEV4.");
        return await ChangeAsync(number, revision, actor, incident =>
        {
            if (incident.Severity == to) return $"The incident is already {IncidentRules.Name(to)}.";
            Record(incident, TimelineKinds.Severity, actor, $"Severity: {IncidentRules.Name(incident.Severity)} → {IncidentRules.Name(to)}.");
            incident.Severity = to;
            return null;
        }, TimelineKinds.Severity, cancellationToken);
    }

    public async Task<Outcome<IncidentView>> AssignAsync(int number, string? commander, IReadOnlyList<string>? assignees, int? revision, string actor, CancellationToken cancellationToken)
    {
        var people = (assignees ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (people.Count > 20 || people.Any(p => p.Length > 256) || commander is { Length: > 256 })
            return Outcome.Invalid<IncidentView>("assignees", "Name at most 20 people, each at most 256 characters.");
        return await ChangeAsync(number, revision, actor, incident =>
        {
            var lead = string.IsNullOrWhiteSpace(commander) ? null : commander.Trim();
            if (lead == incident.Commander && people.SequenceEqual(incident.Assignees, StringComparer.OrdinalIgnoreCase)) return "Nothing changed.";
            Record(incident, TimelineKinds.Assignment, actor,
                $"Commander: {lead ?? "nobody"}; assignees: {(people.Count == 0 ? "nobody" : string.Join(", ", people))}.");
            (incident.Commander, incident.Assignees) = (lead, people);
            return null;
        }, TimelineKinds.Assignment, cancellationToken);
    }

    public async Task<Outcome<IncidentView>> UpdateStakeholdersAsync(int number, string? summary, int? revision, string actor, CancellationToken cancellationToken)
    {
        var text = summary?.Trim() ?? "";
        if (text.Length > IncidentRules.MaxStakeholderUpdateLength) return Outcome.Invalid<IncidentView>("summary", $"Use at most {IncidentRules.MaxStakeholderUpdateLength} characters.");
        return await ChangeAsync(number, revision, actor, incident =>
        {
            if (text == incident.StakeholderUpdate) return "Nothing changed.";
            (incident.StakeholderUpdate, incident.StakeholderUpdatedAt) = (text, time.GetUtcNow());
            Record(incident, TimelineKinds.StakeholderUpdate, actor, text.Length == 0 ? "Stakeholder update cleared." : "Stakeholder update: " + text);
            return null;
        }, TimelineKinds.StakeholderUpdate, cancellationToken);
    }

    /// <summary>
    /// Loads the incident, applies <paramref name="change"/> (which returns a refusal or null), saves under the
    /// concurrency token, and announces it. A stale <paramref name="revision"/>, or a write by someone else between
    /// load and save, is a conflict.
    /// </summary>
    public async Task<Outcome<IncidentView>> ChangeAsync(int number, int? revision, string actor, Func<Incident, string?> change, string kind, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.Include(i => i.Models).SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
        if (incident is null) return Outcome.NotFound<IncidentView>($"There is no incident #{number}.");
        if (revision is { } seen && seen != incident.Revision) return Outcome.Conflict<IncidentView>(await StaleAsync(incident, cancellationToken));
        if (change(incident) is { } refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<IncidentView>(refusal);
        }
        // Only a change to the incident itself moves its revision; a note or a ticked step leaves others' edits valid.
        if (db.Entry(incident).State == EntityState.Modified) incident.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.Incidents.AsNoTracking().SingleAsync(i => i.Number == number, cancellationToken);
            return Outcome.Conflict<IncidentView>(await StaleAsync(fresh, cancellationToken));
        }
        var view = IncidentView.From(incident);
        await live.PublishAsync(new IncidentChanged(number, kind, view.Severity, view.Status, incident.IsDrill, actor));
        return Outcome.Done(view);
    }

    async Task<string> StaleAsync(Incident incident, CancellationToken cancellationToken)
    {
        var last = await db.IncidentTimeline.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        var who = last is null ? "" : $" {last.Actor} changed it at {last.At:u} ({last.Text})";
        return $"Incident #{incident.Number} changed since you loaded it:{who}. Reload to see the change, then try again.";
    }

    async Task<int> NextNumberAsync(CancellationToken cancellationToken) =>
        (await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;
}
