using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Monitoring;

public class MonitoringPageTests(BrowserFixture fixture)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static DriftColumnView Column(string name, double statistic, double? p, double threshold, bool drift, string kind = "feature") =>
        new(name, kind, "numeric", p is null ? "wasserstein" : "ks", statistic, p, threshold, drift, 0, 0, null);

    // Logged predictions: feature a moves up by 2 in segment eu in the current window, nothing else changes.
    static object Predictions(string model, DateTimeOffset around, bool shifted, int seed) => new
    {
        model,
        version = 1,
        predictions = Enumerable.Range(0, 300).Select(i =>
        {
            var random = new Random(seed + i);
            var segment = i % 2 == 0 ? "eu" : "us";
            return new
            {
                timestamp = around.AddSeconds(-i * 5), segment, label = i % 3 == 0 ? "yes" : "no", confidence = 0.55 + i % 40 / 100.0,
                features = new { a = random.NextDouble() * 2 + (shifted && segment == "eu" ? 2 : 0), b = random.NextDouble() * 2, c = random.NextDouble() * 2 - 1 },
            };
        }).ToArray(),
    };

    [Fact]
    public async Task A_viewer_sees_a_feature_drift_over_time_opens_it_and_sees_both_distributions_and_the_segment_that_broke()
    {
        var model = "e2e-drift-" + Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Api();
        (await api.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        await Scoring.ServingTabTests.UploadAsync(api, model, Scoring.ServingTabTests.Contract(Scoring.ServingTabTests.YesNo));
        var approverKey = await (await api.PostAsJsonAsync("/api/api-keys", new { name = "e2e-monitoring-" + model, role = "Engineer" }, Cancel)).Content.ReadFromJsonAsync<Identity.CreatedApiKeyView>(Cancel);
        using var approver = new HttpClient { BaseAddress = fixture.BaseAddress };
        approver.DefaultRequestHeaders.Add(Identity.ApiKeyAuthenticationHandler.HeaderName, approverKey!.Key);
        (await approver.PostAsJsonAsync($"/api/models/{model}/versions/1/stage", new { stage = "production", reason = "first release" }, Cancel)).EnsureSuccessStatusCode();
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            // Six past runs of the drift job: feature "a" drifts more and more, "b" never does.
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var now = TimeProvider.System.GetUtcNow();
            for (var run = 0; run < 6; run++)
            {
                var at = now.AddHours(-6 + run);
                List<DriftColumnView> columns = [Column("a", 0.03 * run, null, 0.1, 0.03 * run >= 0.1), Column("b", 0.2, 0.6, 0.05, false), Column("prediction", 0.01, 0.9, 0.05, false, "prediction")];
                db.DriftSnapshots.Add(new DriftSnapshot
                {
                    Model = model, Version = 1, ComputedAt = at, ReferenceFrom = now.AddDays(-10), ReferenceTo = now.AddDays(-3), ReferenceRows = 5000,
                    CurrentFrom = at.AddHours(-24), CurrentTo = at, CurrentRows = 1200 + run, DriftShare = columns[0].Drift ? 0.5 : 0, DatasetDrift = columns[0].Drift,
                    ColumnsJson = JsonSerializer.Serialize(columns, Json),
                });
            }
            await db.SaveChangesAsync(Cancel);
        }
        var reference = TimeProvider.System.GetUtcNow().AddDays(-9);
        (await approver.PostAsJsonAsync("/api/predictions", Predictions(model, reference, false, 1), Cancel)).EnsureSuccessStatusCode();
        (await approver.PostAsJsonAsync("/api/predictions", Predictions(model, TimeProvider.System.GetUtcNow().AddMinutes(-2), true, 10_000), Cancel)).EnsureSuccessStatusCode();
        var (_, viewer) = await fixture.CreateUserAsync("Viewer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, viewer, BrowserFixture.UserPassword);

        await page.GotoAsync($"/monitoring/{model}");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#drift-summary")).ToContainTextAsync("Dataset drift");
        await Expect(page.Locator("#drift-latest")).ToContainTextAsync("a");
        await Expect(page.Locator("#drift-latest .mud-chip")).ToHaveTextAsync("drift");
        await Expect(page.Locator("#drift-heatmap .main-svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#traffic-chart")).ToContainTextAsync("v1 → production");   // the deployment marker
        await Expect(page.Locator("#kpi-summary")).ToContainTextAsync("no outcomes yet");
        await Expect(page.Locator("#latency-chart .main-svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#service-summary")).ToContainTextAsync("300");   // the day's ingested predictions; the reference ones are 9 days old
        await page.WaitForTimeoutAsync(1000);
        await BrowserFixture.ScreenshotAsync(page, "monitoring-service");

        await page.Locator("#drift-latest .drift-column", new() { HasText = "a" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("column=a"));
        var drill = page.Locator("#feature-drilldown");
        await Expect(drill).ToContainTextAsync("drifting");
        await Expect(drill.Locator("#feature-distribution .main-svg").First).ToBeVisibleAsync();
        await Expect(drill.Locator("#feature-distribution")).ToContainTextAsync("reference");
        await Expect(drill.Locator("#feature-distribution")).ToContainTextAsync("current");
        await Expect(drill.Locator("#feature-segments tbody tr").First).ToContainTextAsync("eu");   // the segment that broke comes first
        await page.WaitForTimeoutAsync(800);
        await BrowserFixture.ScreenshotAsync(page, "monitoring-drilldown");
        await Expect(page.Locator("#drift-settings")).ToHaveCountAsync(0);   // a Viewer cannot change how drift is judged

        var (_, engineer) = await fixture.CreateUserAsync("Engineer");
        var engineerPage = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(engineerPage, engineer, BrowserFixture.UserPassword);
        await engineerPage.GotoAsync($"/monitoring/{model}");
        await Expect(engineerPage.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await engineerPage.GetByText("Drift settings for this model").ClickAsync();
        await Expect(engineerPage.Locator("#drift-settings-columns")).ToContainTextAsync("prediction");
        await engineerPage.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(engineerPage, "monitoring-drift-settings");
    }
}
