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

    [Fact]
    public async Task A_viewer_sees_a_feature_drift_over_time_in_the_heatmap_and_the_latest_run()
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
            // Six past runs of the drift job: feature "amount" drifts more and more, "country" never does.
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var now = TimeProvider.System.GetUtcNow();
            for (var run = 0; run < 6; run++)
            {
                var at = now.AddHours(-6 + run);
                List<DriftColumnView> columns = [Column("amount", 0.03 * run, null, 0.1, 0.03 * run >= 0.1), Column("country", 0.2, 0.6, 0.05, false), Column("prediction", 0.01, 0.9, 0.05, false, "prediction")];
                db.DriftSnapshots.Add(new DriftSnapshot
                {
                    Model = model, Version = 1, ComputedAt = at, ReferenceFrom = now.AddDays(-10), ReferenceTo = now.AddDays(-3), ReferenceRows = 5000,
                    CurrentFrom = at.AddHours(-24), CurrentTo = at, CurrentRows = 1200 + run, DriftShare = columns[0].Drift ? 0.5 : 0, DatasetDrift = columns[0].Drift,
                    ColumnsJson = JsonSerializer.Serialize(columns, Json),
                });
            }
            await db.SaveChangesAsync(Cancel);
        }
        var (_, viewer) = await fixture.CreateUserAsync("Viewer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, viewer, BrowserFixture.UserPassword);

        await page.GotoAsync($"/monitoring/{model}");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#drift-summary")).ToContainTextAsync("Dataset drift");
        await Expect(page.Locator("#drift-latest")).ToContainTextAsync("amount");
        await Expect(page.Locator("#drift-latest .mud-chip")).ToHaveTextAsync("drift");
        await Expect(page.Locator("#drift-heatmap .main-svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#traffic-chart")).ToContainTextAsync("v1 → production");   // the deployment marker
        await Expect(page.Locator("#kpi-summary")).ToContainTextAsync("no outcomes yet");
        await page.WaitForTimeoutAsync(1000);
        await BrowserFixture.ScreenshotAsync(page, "monitoring-drift");
    }
}
