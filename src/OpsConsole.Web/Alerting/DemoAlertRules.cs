using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Alerting;

/// <summary>
/// The demo model's alert rules, so a newcomer's first drill is caught: one rule per kind of fault a drill injects,
/// with windows short enough to fire within a couple of minutes of 2 requests a second. Added once, when the demo model
/// has no rules; people's edits and deletions stand.
/// </summary>
public static class DemoAlertRules
{
    public static readonly IReadOnlyList<RuleInput> Rules =
    [
        new(Template: "dataset-drift", WindowMinutes: 10, ForSeconds: 60),
        new(Template: "feature-kl", WindowMinutes: 10, ForSeconds: 60),
        new(Template: "error-rate", WindowMinutes: 5, ForSeconds: 60),
        new(Template: "schema-violation"),
        new(Template: "p99-latency", WindowMinutes: 2, ForSeconds: 60, OpensIncident: true),
        new(Template: "low-confidence-spike", WindowMinutes: 5, ForSeconds: 60, OpensIncident: true),
        new(Template: "fallback-served"),
    ];

    public static async Task SeedDemoAlertRulesAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Identity.DemoOptions>>().Value.Enabled) return;
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Identity.AuditActor>().UseSystem("system:demo");
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var model = Training.DemoModelSeeder.ModelName;
        var stopping = app.Lifetime.ApplicationStopping;
        if (!await db.Models.AnyAsync(m => m.Name == model, stopping) || await db.AlertRules.AnyAsync(r => r.Model == model, stopping)) return;
        var store = scope.ServiceProvider.GetRequiredService<AlertRuleStore>();
        foreach (var rule in Rules) await store.CreateAsync(rule with { Model = model }, "system:demo", stopping);
    }
}
