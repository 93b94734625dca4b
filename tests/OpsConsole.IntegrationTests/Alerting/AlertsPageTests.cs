using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OpsConsole.Identity;

namespace OpsConsole.Alerting;

/// <summary>The alerts page on the shared database: the rules tab lists rules, and an Engineer adds one from a template.</summary>
public sealed class AlertsPageTests(TestApp app)
{
    static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rules_tab_lists_a_rule_created_through_the_store_with_its_condition()
    {
        var model = await AppComponents.AddModelAsync(app);
        await using var ctx = AppComponents.Create(app, Roles.Viewer);
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AlertRuleStore>().CreateAsync(new RuleInput(Template: "p99-latency", Model: model), "tests", Cancel);
            Assert.Equal(Registry.OutcomeKind.Done, created.Kind);
        }
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<AlertsPage>();

        await page.InvokeAsync(() => page.FindAll(".mud-tab")[1].Click());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#rules-table tbody tr"), r => r.TextContent.Contains(model, StringComparison.Ordinal)));
        var row = page.FindAll("#rules-table tbody tr").Single(r => r.TextContent.Contains(model, StringComparison.Ordinal));
        Assert.Equal("p99 latency above 250 ms", row.QuerySelector(".rule-name")!.TextContent);
        Assert.Equal("p99LatencyMs > 250 over 5 min for 5 min", row.QuerySelector("code")!.TextContent);
        Assert.Empty(page.FindAll("#new-rule"));   // a Viewer reads rules, nothing more
    }

    [Fact]
    public async Task An_engineer_creates_a_rule_from_a_template_with_a_threshold_of_their_own()
    {
        var model = await AppComponents.AddModelAsync(app);
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<AlertsPage>();
        await page.InvokeAsync(() => page.FindAll(".mud-tab")[1].Click());
        page.WaitForAssertion(() => page.Find("#new-rule"));

        await page.InvokeAsync(() => page.Find("#new-rule").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#template-error-rate"));
        await dialogs.InvokeAsync(() => dialogs.Find("#template-error-rate").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#rule-threshold"));
        var fields = dialogs.FindComponent<RuleFields>();
        await dialogs.InvokeAsync(() =>
        {
            fields.Instance.Form.Model = model;
            fields.Instance.Form.Threshold = 0.05;
        });
        await dialogs.InvokeAsync(() => dialogs.Find("#rule-submit").Click());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#rules-table tbody tr"), r => r.TextContent.Contains(model, StringComparison.Ordinal)));
        await using var scope = ctx.Services.CreateAsyncScope();
        var rule = Assert.Single(await scope.ServiceProvider.GetRequiredService<AlertRuleStore>().ListAsync(model, Cancel));
        Assert.Equal(("error-rate", AlertSignals.ErrorRate, 0.05, "SEV2", "error-burst"), (rule.Template, rule.Signal, rule.Threshold, rule.Severity, rule.Runbook));
    }
}
