using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OpsConsole.Identity;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Scoring;

public class ServingTabTests(BrowserFixture fixture)
{
    internal static readonly string[] YesNo = ["yes", "no"];
    static readonly string[] NoYes = ["no", "yes"];
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static object Contract(string[] labels) => new
    {
        labels,
        featureSchema = new[] { new { name = "a", type = "number", min = 0.0, max = 4.0 }, new { name = "b", type = "number", min = 0.0, max = 2.0 }, new { name = "c", type = "number", min = -1.0, max = 1.0 } },
    };

    internal static async Task UploadAsync(HttpClient api, string model, object metadata)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "linear_classifier.onnx")));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "model.onnx");
        form.Add(new StringContent(System.Text.Json.JsonSerializer.Serialize(metadata)), "metadata");
        (await api.PostAsync($"/api/models/{model}/versions", form, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_engineer_starts_demo_traffic_and_sees_live_traffic_and_the_shadow_comparison_move()
    {
        var model = "e2e-serve-" + Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Api();
        (await api.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        await UploadAsync(api, model, Contract(YesNo));
        await UploadAsync(api, model, Contract(NoYes));
        var created = await (await api.PostAsJsonAsync("/api/api-keys", new { name = "e2e-approver-" + model, role = "Engineer" }, Cancel)).Content.ReadFromJsonAsync<CreatedApiKeyView>(Cancel);
        using var approver = new HttpClient { BaseAddress = fixture.BaseAddress };
        approver.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, created!.Key);
        (await approver.PostAsJsonAsync($"/api/models/{model}/versions/1/stage", new { stage = "production", reason = "e2e" }, Cancel)).EnsureSuccessStatusCode();
        (await approver.PostAsJsonAsync($"/api/models/{model}/versions/2/stage", new { stage = "shadow", reason = "e2e" }, Cancel)).EnsureSuccessStatusCode();
        var (_, engineer) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, engineer, BrowserFixture.UserPassword);

        await page.GotoAsync($"/models/{model}");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Serving" }).ClickAsync();
        await Expect(page.GetByText("No scoring traffic in the last minute")).ToBeVisibleAsync();
        await page.ClickAsync("#try-score");
        await Expect(page.Locator("#try-result")).ToContainTextAsync("production v1");
        await page.ClickAsync("#sim-start");
        await Expect(page.Locator("#sim-status")).ToContainTextAsync("Running at 20/s");

        await Expect(page.Locator("#live-traffic")).Not.ToContainTextAsync("Requests / s0.0", new() { Timeout = 15_000 });
        // The shadow worker runs at low priority and writes its comparisons every half second, so on a busy machine
        // the first refresh may come before any: refresh as a person would, until the report is there.
        for (var tries = 0; tries < 30 && !(await page.Locator("#shadow-2").InnerTextAsync()).Contains("Agreement", StringComparison.Ordinal); tries++)
        {
            await page.ClickAsync("#shadow-2 button[aria-label='Refresh the shadow report']");
            await page.WaitForTimeoutAsync(500);
        }
        await Expect(page.Locator("#shadow-2")).ToContainTextAsync("Agreement");
        await Expect(page.Locator("#shadow-2")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Agreement\s*0\.0\s*%"));   // the swapped labels never agree
        await Expect(page.Locator("#shadow-2")).ToContainTextAsync("Latest disagreements");
        await page.WaitForTimeoutAsync(2500);   // a couple of live refreshes, so the chart shows a line
        await BrowserFixture.ScreenshotAsync(page, "model-serving");
        await page.ClickAsync("#sim-stop");
        await Expect(page.Locator("#sim-start")).ToBeVisibleAsync();
    }
}
