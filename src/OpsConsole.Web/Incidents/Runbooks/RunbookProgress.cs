using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Incidents.Runbooks;

/// <summary>Ticks and unticks an incident's runbook steps, against the runbook version the incident opened with; each recorded in the timeline with who and when.</summary>
public sealed class RunbookProgress(OpsDbContext db, IncidentStore incidents, TimeProvider time)
{
    public async Task<Outcome<IncidentView>> SetAsync(int number, int index, bool done, string actor, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
        if (incident is null) return Outcome.NotFound<IncidentView>($"There is no incident #{number}.");
        if (incident.RunbookSlug is not { } slug) return Outcome.Conflict<IncidentView>($"Incident #{number} has no runbook.");
        var runbook = await db.Runbooks.AsNoTracking().Where(r => r.Slug == slug && (incident.RunbookVersion == null || r.Version == incident.RunbookVersion))
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        var steps = runbook is null ? [] : RunbookMarkdown.Steps(runbook.Markdown);
        if (index < 0 || index >= steps.Count) return Outcome.Invalid<IncidentView>("index", $"The runbook has steps 0 to {steps.Count - 1}.");
        var step = steps[index];
        var existing = await db.IncidentStepChecks.SingleOrDefaultAsync(c => c.IncidentId == incident.Id && c.StepIndex == index, cancellationToken);
        if (done == (existing is not null)) return Outcome.Conflict<IncidentView>(done ? $"Step {index + 1} is already done ({existing!.CheckedBy})." : $"Step {index + 1} is not done.");
        if (done) db.IncidentStepChecks.Add(new IncidentStepCheck { IncidentId = incident.Id, StepIndex = index, StepText = Alerting.AlertGrouping.Clip(step.Text, 1000), CheckedAt = time.GetUtcNow(), CheckedBy = actor });
        else db.IncidentStepChecks.Remove(existing!);
        try
        {
            return await incidents.ChangeAsync(number, null, actor, tracked =>
            {
                incidents.Record(tracked, TimelineKinds.RunbookStep, actor, (done ? "Done: " : "Undone: ") + $"step {index + 1}, {step.Text}");
                return null;
            }, TimelineKinds.RunbookStep, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome.Conflict<IncidentView>($"Someone changed step {index + 1} at the same moment; reload to see it.");
        }
    }
}
