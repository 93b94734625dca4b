using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using OpsConsole.Components.Shell;
using OpsConsole.Identity;
using OpsConsole.Incidents.Runbooks;
using OpsConsole.Platform;

namespace OpsConsole.Incidents;

/// <summary>The incident page on real incidents of the shared database: what it shows, what an Engineer does on it, and what a Viewer cannot.</summary>
public sealed class IncidentPageTests(TestApp app)
{
    static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    static readonly IReadOnlyList<RunbookStep> DataDriftSteps = RunbookMarkdown.Steps(SeededRunbooks.Find("data-drift")!.Markdown);

    [Fact]
    public async Task Shows_the_timeline_and_runbook_steps_of_a_real_incident_and_follows_a_note_live()
    {
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, "Drift on card fraud " + Guid.NewGuid().ToString("N")[..6]);

        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, number));

        page.WaitForAssertion(() => Assert.StartsWith($"#{number} Drift on card fraud", page.Find("#incident-title").TextContent, StringComparison.Ordinal));
        Assert.Equal(["SEV2", "triggered"], page.FindAll("#incident-chips .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal(DataDriftSteps.Select(s => s.Text), page.FindAll("#runbook-steps .runbook-step label").Select(l => l.TextContent.Trim()));
        Assert.Equal($"0 of {DataDriftSteps.Count} steps done", page.Find("#runbook-progress").TextContent);
        Assert.Equal("Data drift", page.Find("#incident-runbook .runbook-content h1").TextContent);
        var opened = Assert.Single(page.FindAll("#incident-timeline .timeline-entry"));
        Assert.StartsWith("Opened by the tests' rule as SEV2", opened.QuerySelector(".timeline-text")!.TextContent, StringComparison.Ordinal);

        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IncidentStore>().AddNoteAsync(number, "Upstream team is on it.", "someone@tests.opsconsole", Cancel);
        }

        page.WaitForAssertion(() => Assert.Equal("Upstream team is on it.", page.FindAll("#incident-timeline .timeline-text")[^1].TextContent));   // newest last
    }

    [Fact]
    public async Task Ticking_a_step_records_who_ticked_it_in_the_checklist_and_the_timeline()
    {
        var email = $"ticker-{Guid.NewGuid():N}@tests.opsconsole";
        await using var ctx = AppComponents.Create(app, Roles.Engineer, email);
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, "Step ticking");
        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, number));
        page.WaitForAssertion(() => Assert.Equal(DataDriftSteps.Count, page.FindAll("#runbook-steps input[type=checkbox]").Count));

        await page.InvokeAsync(() => page.FindAll("#runbook-steps input[type=checkbox]")[1].Change(true));

        page.WaitForAssertion(() => Assert.Equal($"1 of {DataDriftSteps.Count} steps done", page.Find("#runbook-progress").TextContent));
        Assert.StartsWith($"done by {email}", page.Find("#runbook-steps .runbook-step-by").TextContent, StringComparison.Ordinal);
        Assert.Equal($"Done: step 2, {DataDriftSteps[1].Text}", page.FindAll("#incident-timeline .timeline-text")[^1].TextContent);
        await using var scope = ctx.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IncidentQueries>().DetailAsync(number, Cancel);
        Assert.Equal((1, email), stored!.Steps.Select(s => (s.Index, s.CheckedBy)).Single());
    }

    [Fact]
    public async Task A_change_made_elsewhere_since_the_page_loaded_is_shown_as_a_conflict_and_reload_brings_it()
    {
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, "Two engineers");
        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, number));
        page.WaitForAssertion(() => page.Find("#incident-to-resolved"));

        // Another console node: its live events never reach this circuit, so the page still shows the old revision.
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var elsewhere = new IncidentStore(scope.ServiceProvider.GetRequiredService<OpsDbContext>(), new LiveEvents(NullLogger<LiveEvents>.Instance), [],
                TimeProvider.System, NullLogger<IncidentStore>.Instance);
            var other = await elsewhere.ChangeStatusAsync(number, "acknowledged", "on it", null, "other@tests.opsconsole", Cancel);
            Assert.Equal(Registry.OutcomeKind.Done, other.Kind);
        }
        await page.InvokeAsync(() => page.Find("#incident-to-resolved").Click());

        page.WaitForAssertion(() => Assert.Contains($"Incident #{number} changed since you loaded it: other@tests.opsconsole changed it", page.Find("#incident-conflict").TextContent, StringComparison.Ordinal));
        Assert.Equal("triggered", page.Find("#incident-chips .status-chip").TextContent.Trim());   // nothing was overwritten, nothing pretended

        await page.InvokeAsync(() => page.Find("#incident-reload").Click());

        page.WaitForAssertion(() => Assert.Equal("acknowledged", page.Find("#incident-chips .status-chip").TextContent.Trim()));
        Assert.Empty(page.FindAll("#incident-conflict"));
        await using var check = ctx.Services.CreateAsyncScope();
        Assert.Equal("acknowledged", (await check.ServiceProvider.GetRequiredService<IncidentQueries>().DetailAsync(number, Cancel))!.Status);
    }

    [Fact]
    public async Task The_a_key_acknowledges_and_the_time_to_acknowledge_appears()
    {
        await using var ctx = AppComponents.Create(app, Roles.Engineer);
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, "Keyboard");
        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, number));
        page.WaitForAssertion(() => page.Find("#incident-to-acknowledged"));
        Assert.Equal("—", page.FindAll("#incident-times h6")[0].TextContent);

        await page.InvokeAsync(() => page.FindComponent<KeyboardShortcuts>().Instance.OnShortcut("a"));

        page.WaitForAssertion(() => Assert.Equal("acknowledged", page.Find("#incident-chips .status-chip").TextContent.Trim()));
        Assert.NotEqual("—", page.FindAll("#incident-times h6")[0].TextContent);
        Assert.Empty(page.FindAll("#incident-to-acknowledged"));   // an acknowledgement cannot be taken back
        Assert.Equal("Status: triggered → acknowledged.", page.FindAll("#incident-timeline .timeline-text")[^1].TextContent);
    }

    [Fact]
    public async Task A_viewer_reads_the_incident_but_gets_no_action_buttons_and_cannot_tick_steps()
    {
        await using var ctx = AppComponents.Create(app, Roles.Viewer);
        var number = await TestIncidents.OpenWithRunbookAsync(ctx.Services, "Read only");

        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, number));

        page.WaitForAssertion(() => Assert.Equal(DataDriftSteps.Count, page.FindAll("#runbook-steps input[type=checkbox]").Count));
        Assert.Empty(page.FindAll("#incident-actions"));
        Assert.Empty(page.FindAll("#incident-people button"));
        Assert.Empty(page.FindComponents<KeyboardShortcuts>());
        Assert.All(page.FindComponents<MudCheckBox<bool>>(), box => Assert.True(box.Instance.Disabled));
        Assert.Equal("None posted yet.", page.Find("#incident-stakeholders-text").TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_incident_says_so()
    {
        await using var ctx = AppComponents.Create(app, Roles.Viewer);

        var page = ctx.Render<IncidentPage>(p => p.Add(c => c.Number, 987_654_321));

        page.WaitForAssertion(() => Assert.Equal("There is no incident #987654321", page.Find(".empty-state-title").TextContent));
    }
}
