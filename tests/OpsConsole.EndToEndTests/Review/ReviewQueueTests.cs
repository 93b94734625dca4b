using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Review;

public class ReviewQueueTests(BrowserFixture fixture)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reviewer_corrects_and_confirms_flagged_predictions_from_the_keyboard_and_the_monitoring_page_shows_the_correction_rate()
    {
        var model = "e2e-review-" + Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Api();
        (await api.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        await Scoring.ServingTabTests.UploadAsync(api, model, Scoring.ServingTabTests.Contract(Scoring.ServingTabTests.YesNo));
        var approverKey = await (await api.PostAsJsonAsync("/api/api-keys", new { name = "e2e-review-" + model, role = "Engineer" }, Cancel)).Content.ReadFromJsonAsync<Identity.CreatedApiKeyView>(Cancel);
        using var approver = new HttpClient { BaseAddress = fixture.BaseAddress };
        approver.DefaultRequestHeaders.Add(Identity.ApiKeyAuthenticationHandler.HeaderName, approverKey!.Key);
        (await approver.PostAsJsonAsync($"/api/models/{model}/versions/1/stage", new { stage = "production", reason = "first release" }, Cancel)).EnsureSuccessStatusCode();
        var now = TimeProvider.System.GetUtcNow();
        var logged = await api.PostAsJsonAsync("/api/predictions", new
        {
            model, version = 1,
            predictions = Enumerable.Range(0, 3).Select(i => new
            {
                timestamp = now.AddMinutes(-10 + i), features = new { a = 0.5 * i, b = 1.25, c = -0.5 }, label = "yes", confidence = 0.52 + 0.1 * i,
                probabilities = new Dictionary<string, double> { ["yes"] = 0.52 + 0.1 * i, ["no"] = 0.48 - 0.1 * i },
            }).ToArray(),
        }, Cancel);
        logged.EnsureSuccessStatusCode();
        var ids = (await logged.Content.ReadFromJsonAsync<Scoring.IngestResponse>(Cancel))!.PredictionIds;
        foreach (var id in ids) (await api.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "The customer says this was not fraud" }, Cancel)).EnsureSuccessStatusCode();
        var (_, reviewer) = await fixture.CreateUserAsync("Reviewer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, reviewer, BrowserFixture.UserPassword);

        await page.GotoAsync($"/review?model={model}");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#review-pending")).ToHaveTextAsync("3 pending");
        await Expect(page.Locator("#review-detail")).ToContainTextAsync("The customer says this was not fraud");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-shortcuts", new System.Text.RegularExpressions.Regex("^j k .* 9$"));
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "review-queue");

        await page.Keyboard.PressAsync("2");   // the oldest: "no"
        await Expect(page.Locator("#review-pending")).ToHaveTextAsync("2 pending");
        await page.Keyboard.PressAsync("Enter");   // the next: the model's "yes" confirmed
        await Expect(page.Locator("#review-pending")).ToHaveTextAsync("1 pending");
        await page.FillAsync("#review-note", "Known merchant");
        await page.ClickAsync("#review-label-2");
        await Expect(page.Locator("#review-pending")).ToHaveTextAsync("0 pending");
        await Expect(page.GetByText("Nothing to review")).ToBeVisibleAsync();

        var reviews = await api.GetFromJsonAsync<List<ReviewView>>($"/api/predictions/{ids[2]}/reviews", Cancel);
        Assert.Equal([("no", true, "Known merchant", reviewer)], reviews!.Select(r => (r.Label, r.Changed, r.Note, r.ReviewedBy)));

        await page.GotoAsync($"/monitoring/{model}");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#kpi-summary")).ToContainTextAsync("66.7 %");
        await Expect(page.Locator("#kpi-summary")).ToContainTextAsync("2 of 3 reviewed");
        await Expect(page.Locator("#kpi-chart .main-svg").First).ToBeVisibleAsync();
        await page.Locator("#kpi-panel").ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(800);
        await BrowserFixture.ScreenshotAsync(page, "monitoring-kpis");
    }
}
