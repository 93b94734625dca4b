using Microsoft.EntityFrameworkCore;
using OpsConsole.Incidents;

namespace OpsConsole.Alerting;

/// <summary>Where a firing went: into an open group (and its incident), or into a new group (with the incident it opens, if any).</summary>
public sealed record RoutedFiring(AlertGroup? Group, Incident? OpenedIncident, Incident? JoinedIncident);

/// <summary>
/// Takes a firing or resolved alert to people: silences and inhibition first, then the alert group by key, which joins
/// an open group (and its incident) or opens a new one. Works in the caller's unsaved changes; the caller saves them
/// together with the alert's new state, so a unique-key clash with another evaluator undoes both.
/// </summary>
public sealed class AlertRouter(OpsDbContext db, IncidentStore incidents, TimeProvider time)
{
    public const string Actor = "system:alerting";

    public async Task<string?> MutedByAsync(IReadOnlyDictionary<string, string> labels, string? model, Severity severity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var silences = await db.AlertSilences.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now).ToListAsync(cancellationToken);
        if (silences.FirstOrDefault(s => s.ToSilence().Mutes(labels, now)) is { } silence) return AlertGrouping.Clip($"silence #{silence.Id} by {silence.CreatedBy}", 200);
        if (model is null || severity == Severity.Sev1) return null;
        var sev1 = await db.Incidents.AsNoTracking().Where(i => i.Status != IncidentStatus.Resolved && i.Severity == Severity.Sev1 && i.Models.Any(m => m.Model == model))
            .OrderBy(i => i.Number).Select(i => new { i.Number, i.Severity }).ToListAsync(cancellationToken);
        return Inhibition.Inhibited(model, severity, sev1.Select(i => (model, i.Severity))) ? $"open SEV1 incident #{sev1[0].Number} on {model}" : null;
    }

    /// <summary>Routes a firing alert: adds it to the open group of its key, or opens the group (and the incident, if <paramref name="opening"/> is given).</summary>
    public async Task<RoutedFiring> FireAsync(string groupKey, AlertGroupMember member, Func<AlertGroup> newGroup, IncidentOpening? opening, string summary,
        CancellationToken cancellationToken)
    {
        var group = await db.AlertGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.OpenKey == groupKey, cancellationToken);
        var joined = group?.IncidentId is { } id ? await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;
        if (group is not null && joined is { Status: IncidentStatus.Resolved })
        {
            // Its incident resolved but the group was not closed (a crash between the two saves): close it now, in the
            // caller's save, which EF orders before the new group's insert under the same key.
            (group.OpenKey, group.ResolvedAt) = (null, time.GetUtcNow());
            (group, joined) = (null, null);
        }
        if (group is not null)
        {
            var existing = group.Members.SingleOrDefault(m => m.Fingerprint == member.Fingerprint);
            if (existing is null) group.Members.Add(member);
            else (existing.IsResolved, existing.EndsAt, existing.Value, existing.StartsAt, existing.Annotations) = (false, null, member.Value, member.StartsAt, member.Annotations);
            if (joined is not null) incidents.Record(joined, TimelineKinds.AlertFired, Actor, $"Alert fired again in this incident's group: {summary}");
            return new RoutedFiring(group, null, joined);
        }
        group = newGroup();
        group.OpenKey = groupKey;
        group.GroupKey = groupKey;
        group.OpenedAt = time.GetUtcNow();
        group.Members.Add(member);
        db.AlertGroups.Add(group);
        // The incident is linked once it has its id (Link).
        var incident = opening is null ? null : await incidents.AddAsync(opening, Actor, cancellationToken);
        return new RoutedFiring(group, incident, null);
    }

    /// <summary>
    /// After the first save of a new group and incident: links them and writes the incident's first timeline entries
    /// (saved by the caller in the same transaction).
    /// </summary>
    public void Link(RoutedFiring routed, string summary)
    {
        if (routed is not { OpenedIncident: { } incident, Group: { } group }) return;
        group.IncidentId = incident.Id;
        incidents.Record(incident, TimelineKinds.Opened, Actor, $"Opened as {IncidentRules.Name(incident.Severity)} by {IncidentView.SourceName(incident.Source)}: {group.Title}.");
        incidents.Record(incident, TimelineKinds.AlertFired, Actor, summary);
    }

    /// <summary>Marks an alert resolved in its group; a group without an incident closes when its last alert resolves.</summary>
    public async Task<Incident?> ResolveAsync(long groupId, string fingerprint, string summary, CancellationToken cancellationToken)
    {
        var group = await db.AlertGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group?.Members.SingleOrDefault(m => m.Fingerprint == fingerprint) is not { } member) return null;
        (member.IsResolved, member.EndsAt) = (true, time.GetUtcNow());
        var incident = group.IncidentId is { } id ? await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;
        if (incident is not null && IncidentLifecycle.IsOpen(incident.Status)) incidents.Record(incident, TimelineKinds.AlertResolved, Actor, summary);
        // A group with an incident stays open while the incident is, so a relapse joins the same incident.
        if (incident is null && group.Members.All(m => m.IsResolved)) (group.OpenKey, group.ResolvedAt) = (null, time.GetUtcNow());
        return incident;
    }
}
