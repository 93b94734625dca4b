using Microsoft.EntityFrameworkCore;
using OpsConsole.Alerting;

namespace OpsConsole.Incidents;

/// <summary>Filters of the incident list; all optional.</summary>
public sealed record IncidentFilter(IncidentStatus? Status = null, Severity? Severity = null, string? Model = null, bool? IsOpen = null, bool? IsDrill = null, int Limit = 200);

/// <summary>Reads incidents for the list, the incident page and the API.</summary>
public sealed class IncidentQueries(OpsDbContext db)
{
    public async Task<List<IncidentView>> ListAsync(IncidentFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Incidents.AsNoTracking().Include(i => i.Models).AsQueryable();
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Severity is { } severity) query = query.Where(i => i.Severity == severity);
        if (filter.Model is { Length: > 0 } model) query = query.Where(i => i.Models.Any(m => m.Model == model));
        if (filter.IsOpen is { } open) query = open ? query.Where(i => i.Status != IncidentStatus.Resolved) : query.Where(i => i.Status == IncidentStatus.Resolved);
        if (filter.IsDrill is { } drill) query = query.Where(i => i.IsDrill == drill);
        var rows = await query.OrderByDescending(i => i.Number).Take(Math.Clamp(filter.Limit, 1, 1000)).AsSplitQuery().ToListAsync(cancellationToken);
        return rows.ConvertAll(IncidentView.From);
    }

    public async Task<IncidentDetailView?> DetailAsync(int number, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Models).SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
        if (incident is null) return null;
        var timeline = await db.IncidentTimeline.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new TimelineEntryView(e.At, e.Kind, e.Actor, e.Text)).ToListAsync(cancellationToken);
        var groups = await db.AlertGroups.AsNoTracking().Include(g => g.Members).Where(g => g.IncidentId == incident.Id).OrderBy(g => g.OpenedAt)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var steps = await db.IncidentStepChecks.AsNoTracking().Where(s => s.IncidentId == incident.Id).OrderBy(s => s.StepIndex)
            .Select(s => new StepCheckView(s.StepIndex, s.StepText, s.CheckedBy, s.CheckedAt)).ToListAsync(cancellationToken);
        return new IncidentDetailView(IncidentView.From(incident), timeline, groups.ConvertAll(GroupView), incident.RunbookSlug, incident.RunbookVersion,
            incident.RunbookUrl, steps, [.. IncidentLifecycle.Next(incident.Status).Select(IncidentLifecycle.Name)]);
    }

    public static AlertGroupView GroupView(AlertGroup g) => new(g.Id, g.GroupKey, IncidentView.SourceName(g.Source), g.Title, IncidentRules.Name(g.Severity), g.Model,
        g.OpenKey is not null, g.OpenedAt, g.ResolvedAt, g.RunbookUrl, g.ExternalUrl,
        [.. g.Members.OrderBy(m => m.StartsAt).Select(m => new GroupAlertView(m.Fingerprint, m.Labels, m.Annotations.GetValueOrDefault("summary"), m.IsResolved, m.StartsAt, m.EndsAt, m.Value))]);
}
