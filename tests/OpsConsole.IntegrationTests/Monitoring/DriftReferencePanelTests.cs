using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OpsConsole.Identity;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>The drift settings panel chooses the model's reference and says which one the latest run compared with.</summary>
public sealed class DriftReferencePanelTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    static DriftPointView Run(string source, long rows, DateTimeOffset from, DateTimeOffset to) => new(Now, 2, rows, 400, 0, false, [], from, to, source);

    [Fact]
    public async Task Choosing_the_training_holdout_saves_it_without_the_old_window_and_the_line_names_the_reference_of_the_latest_run()
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var name = RegistryApi.UniqueName();
        var week = (From: new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero));
        await using (var db = database.Open())
        {
            db.Models.Add(new RegisteredModel
            {
                Name = name, Task = ModelTasks.Classification, CreatedBy = "seed", CreatedAt = Now,
                DriftSettingsJson = RegistryJson.Write(new DriftSettings(ReferenceFrom: week.From, ReferenceTo: week.To)),
            });
            await db.SaveChangesAsync(cancel);
        }
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddSingleton(TimeProvider.System).AddScoped<BrowserTimeZone>().AddScoped<OperationScope>();
        database.AddTo(ctx.Services);
        TestDatabase.SignIn(ctx.Services, "engineer-id", "engineer@example.com", Roles.Engineer);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        ctx.Render<MudPopoverProvider>();
        var saved = 0;

        var panel = ctx.Render<DriftSettingsPanel>(p => p.Add(c => c.Model, name).Add(c => c.Columns, ["amount"]).Add(c => c.OnSaved, () => saved++)
            .Add(c => c.Latest, Run(ReferenceSources.Window, 5000, week.From, week.To)));
        panel.WaitForAssertion(() => Assert.Equal("The latest run (v2) compared with the production window 2026-11-02 00:00 – 2026-11-09 00:00: 5,000 rows.",
            panel.Find("#drift-settings-reference-used").TextContent));
        var reference = panel.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Reference");

        await panel.InvokeAsync(() => reference.Instance.ValueChanged.InvokeAsync(ReferenceSources.Training));
        await panel.InvokeAsync(() => panel.Find("#drift-settings-save").Click());
        panel.WaitForAssertion(() => Assert.Equal(1, saved));
        panel.Render(p => p.Add(c => c.Latest, Run(ReferenceSources.TrainingHoldout, 300, Now, Now)));

        Assert.Equal("The latest run (v2) compared with the training holdout: 300 rows.", panel.Find("#drift-settings-reference-used").TextContent);
        await using var check = database.Open();
        var stored = await DriftSettingsStore.ReadAsync(check, name, cancel);
        Assert.Equal((ReferenceSources.Training, (DateTimeOffset?)null, (DateTimeOffset?)null), (stored!.ReferenceSource, stored.ReferenceFrom, stored.ReferenceTo));
    }

    [Fact]
    public async Task Before_any_run_the_line_says_the_next_one_uses_the_chosen_reference()
    {
        var name = RegistryApi.UniqueName();
        await using (var db = database.Open())
        {
            db.Models.Add(new RegisteredModel { Name = name, Task = ModelTasks.Classification, CreatedBy = "seed", CreatedAt = Now });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddSingleton(TimeProvider.System).AddScoped<BrowserTimeZone>().AddScoped<OperationScope>();
        database.AddTo(ctx.Services);
        TestDatabase.SignIn(ctx.Services, "engineer-id", "engineer@example.com", Roles.Engineer);
        ctx.Render<MudPopoverProvider>();

        var panel = ctx.Render<DriftSettingsPanel>(p => p.Add(c => c.Model, name).Add(c => c.Columns, []));

        panel.WaitForAssertion(() => Assert.Equal("No drift run yet: the next one uses the reference chosen here.", panel.Find("#drift-settings-reference-used").TextContent));
    }
}
