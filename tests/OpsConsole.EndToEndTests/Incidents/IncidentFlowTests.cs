using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpsConsole.Alerting;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Incidents;

public class IncidentFlowTests(BrowserFixture fixture)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_engineer_acknowledges_with_a_key_works_the_runbook_resolves_and_sees_the_response_times()
    {
        var model = "e2e-incident-" + Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Api();
        (await api.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/alert-rules", new { template = "dataset-drift", model }, Cancel)).EnsureSuccessStatusCode();
        var manual = await api.PostAsJsonAsync("/api/incidents", new { title = $"Checkout scores look wrong on {model}", severity = "SEV1", models = new[] { model },
            summary = "Some card payments are declined; we are looking." }, Cancel);
        manual.EnsureSuccessStatusCode();
        // A manual incident has no runbook: this one opens the way a drift rule's does, with the data-drift runbook.
        var number = await OpenAsRuleAsync($"Dataset drift share above 20 % on {model}", model);
        var (_, engineer) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, engineer, BrowserFixture.UserPassword);

        await page.GotoAsync("/incidents");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        var row = page.Locator("#incidents-grid tbody tr", new() { HasText = $"on {model}" }).Filter(new() { HasText = "Dataset drift" });
        await Expect(row).ToContainTextAsync("SEV2");
        await Expect(page.Locator("#incidents-grid tbody tr", new() { HasText = "Checkout scores look wrong" }).First).ToContainTextAsync("SEV1");

        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/incidents/{number}$"));
        await Expect(page.Locator("#incident-title")).ToContainTextAsync("Dataset drift share above 20 %");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-shortcuts", "a r n");
        await page.Keyboard.PressAsync("a");

        await Expect(page.Locator("#incident-chips .status-chip")).ToHaveTextAsync("acknowledged");
        await Expect(page.Locator("#incident-times")).ToContainTextAsync("counts toward MTTA");

        await page.Locator("#runbook-steps .runbook-step").Nth(0).Locator("label").ClickAsync();
        await Expect(page.Locator("#runbook-progress")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 of \\d+ steps done$"));
        await Expect(page.Locator("#runbook-steps .runbook-step-by")).ToContainTextAsync($"done by {engineer}");

        await page.FillAsync("#incident-note", "Upstream fixed the unit of amount; drift gone in the last run.");
        await page.ClickAsync("#incident-to-resolved");

        await Expect(page.Locator("#incident-chips .status-chip")).ToHaveTextAsync("resolved");
        await Expect(page.Locator("#incident-times")).ToContainTextAsync("counts toward MTTR");
        await Expect(page.Locator("#incident-timeline .timeline-text").Last).ToHaveTextAsync("Status: acknowledged → resolved. Upstream fixed the unit of amount; drift gone in the last run.");
        await Expect(page.Locator("#incident-to-investigating")).ToHaveTextAsync("Reopen");
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "incident");

        await page.GotoAsync("/incidents");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("#incident-open-filter").GetByText("All", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("#incidents-grid tbody tr", new() { HasText = "Dataset drift" }).Filter(new() { HasText = model })).ToContainTextAsync("resolved");
        await Expect(page.Locator("#incident-stats")).ToContainTextAsync("1 resolved");
        await Expect(page.Locator("#incident-stats-chart .main-svg").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "incidents");

        await page.GotoAsync("/alerts");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
        await Expect(page.Locator("#rules-table tbody tr", new() { HasText = model })).ToContainTextAsync("datasetDriftShare > 0.2");
        await page.WaitForTimeoutAsync(300);
        await BrowserFixture.ScreenshotAsync(page, "alerts");

        await page.GotoAsync("/runbooks/data-drift");
        await Expect(page.Locator("#runbook-title")).ToHaveTextAsync("Data drift");
        await Expect(page.Locator(".runbook-content h2").First).ToHaveTextAsync("When this fires");
        await page.WaitForTimeoutAsync(300);
        await BrowserFixture.ScreenshotAsync(page, "runbook-data-drift");
    }

    async Task<int> OpenAsRuleAsync(string title, string model)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var opening = new IncidentOpening(title, Severity.Sev2, IncidentSource.Rule, [(model, null)], null, "data-drift", null, false, "e2e");
        for (var attempt = 0; ; attempt++)
        {
            var incident = await store.AddAsync(opening, "rule:e2e", Cancel);
            if (!await store.TrySaveNewAsync(incident, attempt, Cancel)) continue;
            store.Record(incident, TimelineKinds.Opened, "rule:e2e", "Opened by the rule as SEV2: dataset drift share 0.4 > 0.2.");
            await scope.ServiceProvider.GetRequiredService<OpsDbContext>().SaveChangesAsync(Cancel);
            await store.AnnounceOpenedAsync(incident, "rule:e2e", "e2e", Cancel, notify: false);
            return incident.Number;
        }
    }
}
