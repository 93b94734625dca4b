using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Incidents;

/// <summary>
/// The whole loop in the browser: an Engineer injects drift into a model's simulated traffic, the dataset-drift rule
/// catches it, a drill incident opens with the data-drift runbook, and the Engineer acknowledges it, ticks a step,
/// resolves it and sees the response times.
/// </summary>
public class DrillTests(BrowserFixture fixture)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Logged predictions spread evenly over the contract's ranges, as the simulator draws them: the drift reference.
    static object Reference(string model, DateTimeOffset around) => new
    {
        model,
        version = 1,
        predictions = Enumerable.Range(0, 400).Select(i =>
        {
            var random = new Random(i);
            return new
            {
                requestId = $"ref-{i}", timestamp = around.AddSeconds(-i * 10), label = i % 3 == 0 ? "yes" : "no", confidence = 0.6 + i % 30 / 100.0, latencyMs = 1.0,
                features = new { a = random.NextDouble() * 4, b = random.NextDouble() * 2, c = random.NextDouble() * 2 - 1 },
            };
        }).ToArray(),
    };

    [Fact]
    public async Task An_injected_drift_becomes_a_drill_incident_with_its_runbook_that_is_acknowledged_ticked_and_resolved_with_MTTA_and_MTTR()
    {
        var model = "e2e-drill-" + Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Api();
        (await api.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        await Scoring.ServingTabTests.UploadAsync(api, model, Scoring.ServingTabTests.Contract(Scoring.ServingTabTests.YesNo));
        var approverKey = await (await api.PostAsJsonAsync("/api/api-keys", new { name = "e2e-drill-" + model, role = "Engineer" }, Cancel)).Content.ReadFromJsonAsync<Identity.CreatedApiKeyView>(Cancel);
        using var approver = new HttpClient { BaseAddress = fixture.BaseAddress };
        approver.DefaultRequestHeaders.Add(Identity.ApiKeyAuthenticationHandler.HeaderName, approverKey!.Key);
        (await approver.PostAsJsonAsync($"/api/models/{model}/versions/1/stage", new { stage = "production", reason = "first release" }, Cancel)).EnsureSuccessStatusCode();
        var now = TimeProvider.System.GetUtcNow();
        (await approver.PostAsJsonAsync("/api/predictions", Reference(model, now.AddHours(-2)), Cancel)).EnsureSuccessStatusCode();
        (await approver.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceFrom = now.AddHours(-3), referenceTo = now.AddHours(-1) }, Cancel)).EnsureSuccessStatusCode();
        // Judged every 2 s on a one-minute window, one feature's KS test will now and then dip below p = 0.05 by chance;
        // asking for two of the three features for 20 s keeps such a false alarm out while the drill's drift (all three) fires.
        (await approver.PostAsJsonAsync("/api/alert-rules", new { template = "dataset-drift", model, windowMinutes = 1, threshold = 0.5, forSeconds = 20 }, Cancel)).EnsureSuccessStatusCode();
        (await approver.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 10 }, Cancel)).EnsureSuccessStatusCode();
        var (_, engineer) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, engineer, BrowserFixture.UserPassword);

        try
        {
            await page.GotoAsync("/incidents");
            await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Drills" }).ClickAsync();
            await page.Locator(".mud-select", new() { Has = page.Locator("#drill-model") }).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = model, Exact = true }).ClickAsync();
            await page.Locator(".mud-select", new() { Has = page.Locator("#drill-fault") }).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "feature-drift", Exact = true }).ClickAsync();
            await page.ClickAsync("#drill-start");
            await Expect(page.Locator(".running-drill")).ToContainTextAsync("feature-drift running on " + model);

            // The rule is evaluated every 2 s here; the drift report is reused for 3 s.
            var caught = page.Locator(".running-drill a", new() { HasText = "incident #" });
            await Expect(caught).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await BrowserFixture.ScreenshotAsync(page, "drill-caught");
            await caught.ClickAsync();

            await Expect(page.Locator("#incident-title")).ToContainTextAsync("datasetDriftShare > 0.5 on " + model);
            await Expect(page.Locator("#incident-chips")).ToContainTextAsync("Drill");
            await Expect(page.Locator("#incident-runbook")).ToContainTextAsync("0 of");
            await page.ClickAsync("#incident-to-acknowledged");
            await Expect(page.Locator("#incident-chips")).ToContainTextAsync("acknowledged");
            await page.Locator("#runbook-steps input[type=checkbox]").First.CheckAsync();
            await Expect(page.Locator("#runbook-progress")).ToContainTextAsync("1 of");
            await page.ClickAsync("#incident-to-resolved");
            await Expect(page.Locator("#incident-chips")).ToContainTextAsync("resolved");
            await Expect(page.Locator("#incident-times")).ToContainTextAsync("MTTA");
            await Expect(page.Locator("#incident-times")).ToContainTextAsync("MTTR");
            await BrowserFixture.ScreenshotAsync(page, "drill-incident-resolved");

            var number = int.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var detail = await approver.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{number}", Cancel);
            Assert.Equal("drill", detail.GetProperty("source").GetString());
            Assert.Equal("data-drift", detail.GetProperty("runbookSlug").GetString());
            var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
            Assert.Contains("alert-fired", kinds);
            Assert.Contains("runbook-step", kinds);
            Assert.Equal(2, kinds.Count(k => k == "status"));
        }
        finally
        {
            await approver.DeleteAsync($"/api/models/{model}/simulator", Cancel);
        }
    }
}
