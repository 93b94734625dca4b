using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Alerting;

/// <summary>Creates, edits and deletes alert rules; every change is audited by the interceptor, edits carry the revision the editor saw.</summary>
public sealed class AlertRuleStore(OpsDbContext db, TimeProvider time)
{
    public async Task<List<AlertRuleView>> ListAsync(string? model, CancellationToken cancellationToken) =>
        (await db.AlertRules.AsNoTracking().Where(r => model == null || r.Model == model).OrderBy(r => r.Model).ThenBy(r => r.Id).ToListAsync(cancellationToken))
        .ConvertAll(AlertRuleView.From);

    public async Task<AlertRuleView?> GetAsync(long id, CancellationToken cancellationToken) =>
        await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } row ? AlertRuleView.From(row) : null;

    public async Task<Outcome<AlertRuleView>> CreateAsync(RuleInput input, string actor, CancellationToken cancellationToken)
    {
        var (rule, errors) = await CheckAsync(input, cancellationToken);
        if (rule is null) return Outcome.Invalid<AlertRuleView>(errors);
        var now = time.GetUtcNow();
        var row = new AlertRule { Name = rule.Name, Signal = rule.Signal, Model = rule.Model, CreatedAt = now, UpdatedAt = now, CreatedBy = actor };
        Apply(row, rule);
        db.AlertRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(AlertRuleView.From(row));
    }

    public async Task<Outcome<AlertRuleView>> UpdateAsync(long id, RuleInput input, CancellationToken cancellationToken)
    {
        var row = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null) return Outcome.NotFound<AlertRuleView>($"There is no alert rule {id}.");
        if (input.Revision is { } seen && seen != row.Revision)
            return Outcome.Conflict<AlertRuleView>($"Rule {id} was changed since you loaded it (revision {row.Revision}, yours {seen}). Reload and apply your edit again.");
        var (rule, errors) = await CheckAsync(input, cancellationToken);
        if (rule is null) return Outcome.Invalid<AlertRuleView>(errors);
        Apply(row, rule);
        row.UpdatedAt = time.GetUtcNow();
        row.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Conflict<AlertRuleView>($"Rule {id} was changed by someone else while you saved. Reload and apply your edit again.");
        }
        return Outcome.Done(AlertRuleView.From(row));
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null) return false;
        db.AlertRules.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    async Task<(RuleDefinition? Rule, Dictionary<string, string[]> Errors)> CheckAsync(RuleInput input, CancellationToken cancellationToken)
    {
        var (rule, errors) = RuleDefinitions.Resolve(input);
        if (input.Model is { Length: > 0 } model && !await db.Models.AnyAsync(m => m.Name == model.Trim(), cancellationToken)) errors["model"] = [$"There is no model named '{model}'."];
        if (rule?.Runbook is { } slug && !await db.Runbooks.AnyAsync(r => r.Slug == slug, cancellationToken)) errors["runbook"] = [$"There is no runbook '{slug}'."];
        return errors.Count > 0 ? (null, errors) : (rule, errors);
    }

    static void Apply(AlertRule row, RuleDefinition rule)
    {
        (row.Name, row.TemplateId, row.Signal, row.Model, row.Version, row.Segment, row.Column, row.Method) =
            (rule.Name, rule.TemplateId, rule.Signal, rule.Model, rule.Version, rule.Segment, rule.Column, rule.Method);
        (row.Comparator, row.Threshold, row.WindowMinutes, row.ForSeconds, row.KeepFiringForSeconds, row.NoDataMinutes, row.MinimumDenominator) =
            (rule.Comparator, rule.Threshold, rule.WindowMinutes, rule.ForSeconds, rule.KeepFiringForSeconds, rule.NoDataMinutes, rule.MinimumDenominator);
        (row.Severity, row.Labels, row.GroupBy, row.RunbookSlug) = (rule.Severity, new(rule.Labels), [.. rule.GroupBy], rule.Runbook);
        (row.OpensIncident, row.Notifies, row.RollsBack, row.RequestsRetraining, row.IsEnabled) = (rule.OpensIncident, rule.Notifies, rule.RollsBack, rule.RequestsRetraining, rule.Enabled);
    }
}
