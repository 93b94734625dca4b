using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OpsConsole.Identity;
using OpsConsole.Incidents.Drills;
using OpsConsole.Incidents.Runbooks;

namespace OpsConsole.Incidents;

/// <summary>The incident list, the drills tab and the runbook pages on the shared database.</summary>
public sealed class IncidentsPageTests(TestApp app)
{
    static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_incident_is_listed_with_its_severity_and_leaves_the_open_list_live_when_resolved()
    {
        var title = "Listed " + Guid.NewGuid().ToString("N")[..8];
        await using var ctx = AppComponents.Create(app, Roles.Viewer);
        ctx.Render<MudPopoverProvider>();
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, title);

        var page = ctx.Render<IncidentsPage>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#incidents-grid tbody tr"), r => r.TextContent.Contains(title, StringComparison.Ordinal)));
        var row = page.FindAll("#incidents-grid tbody tr").Single(r => r.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal("SEV2", row.QuerySelector(".severity-chip")!.TextContent.Trim());
        Assert.Equal("triggered", row.QuerySelector(".status-chip")!.TextContent.Trim());
        Assert.Equal(5, page.FindAll("#incident-stats .mud-paper").Count);   // all severities, then SEV1 to SEV4
        Assert.Empty(page.FindAll("#new-incident"));

        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IncidentStore>().ChangeStatusAsync(number, "resolved", "false alarm", null, "tests", Cancel);
        }

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("#incidents-grid tbody tr"), r => r.TextContent.Contains(title, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_drill_on_a_model_without_simulated_traffic_is_refused_with_the_reason()
    {
        var model = await AppComponents.AddModelAsync(app);
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        ctx.Render<MudPopoverProvider>();
        var panel = ctx.Render<DrillsPanel>(p => p.Add(c => c.Models, [new Registry.ModelView(model, "", "classification", null, [], TestApp.Now, "tests", 0, null, null, null, [], Registry.GatePolicy.Default)]));
        panel.WaitForAssertion(() => panel.Find("#drill-start"));

        await panel.InvokeAsync(() => panel.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(model));
        await panel.InvokeAsync(() => panel.Find("#drill-start").Click());

        panel.WaitForAssertion(() => Assert.StartsWith($"Start the traffic simulator on {model} first", panel.Find("#drill-refused").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_engineer_saves_a_new_runbook_version_and_the_page_shows_it_with_the_old_one_still_picked_by_version()
    {
        var slug = "tests-" + Guid.NewGuid().ToString("N")[..8];
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        ctx.Render<MudPopoverProvider>();
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RunbookStore>().SaveAsync(slug, new RunbookEdit("# Feature store outage\n\n- [ ] Page the feature store team\n"), "tests", Cancel);
        }
        var page = ctx.Render<RunbookPage>(p => p.Add(c => c.Slug, slug));
        page.WaitForAssertion(() => Assert.Equal("Feature store outage", page.Find("#runbook-title").TextContent));

        await page.InvokeAsync(() => page.Find("#runbook-edit").Click());
        var editor = page.FindComponent<RunbookEditor>();
        await page.InvokeAsync(() => editor.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync(
            "# Feature store outage\n\n- [ ] Page the feature store team\n- [ ] Serve the cached features\n"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#runbook-preview li.task-list-item").Count));   // the preview follows the text
        await page.InvokeAsync(() => page.Find("#runbook-save").Click());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".runbook-content li.task-list-item").Count));
        Assert.Empty(page.FindAll("#runbook-editor"));
        Assert.StartsWith($"{slug} v2 · 2 checklist steps", page.Find("#runbook-meta").TextContent.Trim(), StringComparison.Ordinal);

        await page.InvokeAsync(() => ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/runbooks/{slug}?version=1"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".runbook-content li.task-list-item")));
        Assert.Contains("an older version", page.Find("#runbook-meta").TextContent, StringComparison.Ordinal);
    }
}
