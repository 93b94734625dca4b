using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Registry;

public class ModelRegistryTests(BrowserFixture fixture)
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public async Task An_engineer_registers_a_model_and_uploads_an_onnx_file_and_a_colleague_promotes_it()
    {
        var model = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var (_, author) = await fixture.CreateUserAsync("Engineer");
        var (_, colleague) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, author, BrowserFixture.UserPassword);

        await page.GotoAsync("/models");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.ClickAsync("#new-model");
        await page.FillAsync("#new-model-name", model);
        await page.ClickAsync("#create-model");
        await Expect(page.Locator("#model-name")).ToHaveTextAsync(model);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload" }).ClickAsync();
        await ChooseFileAsync(page, FixturePath("linear_classifier.onnx"));
        await Expect(page.Locator("#chosen-file")).ToContainTextAsync("linear_classifier.onnx");
        await page.FillAsync("#upload-metadata", """{ "datasetVersion": "tx-2026-11", "metrics": { "accuracy": 0.93 }, "featureSchema": [ { "name": "amount", "type": "number", "min": 0 } ] }""");
        await page.ClickAsync("#upload-submit");
        var versions = page.Locator("#versions-table");
        await Expect(versions).ToContainTextAsync("v1");
        await Expect(page.Locator("#version-details")).ToContainTextAsync("features");
        await Expect(page.Locator("#lineage-dataset")).ToHaveTextAsync("tx-2026-11");
        await BrowserFixture.ScreenshotAsync(page, "model-page");

        var approver = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(approver, colleague, BrowserFixture.UserPassword);
        await approver.GotoAsync($"/models/{model}");
        await Expect(approver.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Change stage of v1" }).ClickAsync();
        await approver.Locator(".mud-select", new() { Has = approver.Locator("#stage-select") }).First.ClickAsync();
        await approver.GetByRole(AriaRole.Option, new() { Name = "production", Exact = true }).ClickAsync();
        await approver.FillAsync("#stage-reason", "accuracy 0.93 on the November holdout");
        await approver.ClickAsync("#stage-submit");

        await Expect(approver.Locator("#serving-summary")).ToHaveTextAsync("v1 in production");
        await Expect(page.Locator("#serving-summary")).ToHaveTextAsync("v1 in production");   // the author's page follows live
        await approver.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(approver.Locator("#promotion-history")).ToContainTextAsync("accuracy 0.93 on the November holdout");
        await BrowserFixture.ScreenshotAsync(approver, "model-history");
    }

    [Fact]
    public async Task The_author_is_told_why_they_cannot_promote_their_own_version()
    {
        var model = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var (_, author) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, author, BrowserFixture.UserPassword);
        await page.GotoAsync("/models");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.ClickAsync("#new-model");
        await page.FillAsync("#new-model-name", model);
        await page.ClickAsync("#create-model");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload" }).ClickAsync();
        await ChooseFileAsync(page, FixturePath("two_inputs_two_outputs.onnx"));
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("#versions-table")).ToContainTextAsync("v1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change stage of v1" }).ClickAsync();
        await page.Locator(".mud-select", new() { Has = page.Locator("#stage-select") }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "production", Exact = true }).ClickAsync();
        await page.FillAsync("#stage-reason", "my own work");
        await page.ClickAsync("#stage-submit");

        await Expect(page.Locator("#stage-error")).ToContainTextAsync("separation of duties");
    }

    // Blazor's InputFile listens for "change" only once its script has initialised the element; a file set before then
    // (a busy machine, a slow circuit) is silently lost, so wait for that script's mark on the element first.
    static async Task ChooseFileAsync(IPage page, string path)
    {
        var input = page.Locator("input[type=file]");
        await Expect(input).ToBeAttachedAsync();
        await page.WaitForFunctionAsync("() => { const e = document.querySelector('input[type=file]'); return !!e && e._blazorInputFileNextFileId !== undefined; }");
        await input.SetInputFilesAsync(path);
    }
}
