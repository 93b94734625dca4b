using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using OpsConsole.Identity;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Registry.Webhooks;

namespace OpsConsole.Components;

public sealed class ModelPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    readonly string _storage = Path.Combine(Path.GetTempPath(), "opsconsole-bunit-artifacts-" + Guid.NewGuid().ToString("N"));

    static readonly RegistryActor Author = new("author-id", "author@example.com", Roles.Engineer);
    static readonly RegistryActor Approver = new("approver-id", "approver@example.com", Roles.Engineer);

    [Fact]
    public async Task The_model_page_shows_versions_with_their_stage_and_lineage_and_follows_a_promotion_live()
    {
        await using var ctx = NewContext();
        var name = RegistryApi.UniqueName();
        var registration = ctx.Services.GetRequiredService<ModelRegistration>();
        await registration.CreateModelAsync(new NewModel(name, "page test", ModelTasks.Classification), Author, CancellationToken.None);
        await registration.UploadVersionAsync(name, RegistryApi.Fixture("linear_classifier.onnx"),
            new VersionMetadata(DatasetVersion: "tx-2026-10", Metrics: new Dictionary<string, double> { ["accuracy"] = 0.88 }), Author, CancellationToken.None);
        await registration.UploadVersionAsync(name, RegistryApi.Fixture("linear_classifier.onnx"),
            new VersionMetadata(DatasetVersion: "tx-2026-11", Metrics: new Dictionary<string, double> { ["accuracy"] = 0.91 }), Author, CancellationToken.None);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ModelPage>(p => p.Add(c => c.Name, name));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#versions-table tbody tr").Count));
        Assert.Equal("nothing yet", page.Find("#serving-summary").TextContent);
        Assert.Equal("tx-2026-11", page.Find("#lineage-dataset").TextContent);   // the newest version is selected first

        await page.InvokeAsync(() => page.FindAll("#versions-table tbody tr")[1].Click());
        page.WaitForAssertion(() => Assert.Equal("tx-2026-10", page.Find("#lineage-dataset").TextContent));

        var changer = ctx.Services.GetRequiredService<StageChanger>();
        await changer.ChangeAsync(name, 1, new StageChange("production", null, "first"), Approver, CancellationToken.None);
        await changer.ChangeAsync(name, 2, new StageChange("canary", 25, "try it"), Approver, CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("v1 in production; v2 as 25% canary", page.Find("#serving-summary").TextContent));
        var chips = page.FindAll("#versions-table .stage-chip").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["canary 25%", "production"], chips);
    }

    [Fact]
    public async Task An_unknown_model_says_so_instead_of_spinning()
    {
        await using var ctx = NewContext();

        var page = ctx.Render<ModelPage>(p => p.Add(c => c.Name, "no-such-model-anywhere"));

        page.WaitForAssertion(() => Assert.Contains("There is no model named \"no-such-model-anywhere\"", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_storage)) Directory.Delete(_storage, recursive: true);
    }

    BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddSingleton(TimeProvider.System).AddSingleton<LiveEvents>().AddScoped<BrowserTimeZone>();
        ctx.Services.AddSingleton(Options.Create(new StorageOptions { DataDirectory = _storage }));
        ctx.Services.AddSingleton(Options.Create(new RegistryOptions()));
        ctx.Services.AddSingleton<IArtifactStore, FileArtifactStore>().AddSingleton<FileArtifactStore>();
        ctx.Services.AddScoped<ArtifactLoader>().AddScoped<RegistryQueries>().AddScoped<ModelRegistration>().AddScoped<StageChanger>()
            .AddScoped<ContractEditor>().AddSingleton<WebhookOutbox>();
        database.AddTo(ctx.Services);
        TestDatabase.SignIn(ctx.Services, "viewer-id", "viewer@example.com", Roles.Viewer);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return ctx;
    }
}
