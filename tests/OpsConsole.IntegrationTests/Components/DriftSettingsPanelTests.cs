using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OpsConsole.Identity;
using OpsConsole.Monitoring;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Components;

/// <summary>An Engineer edits a model's drift settings on the monitoring page; bad choices are named, good ones saved and audited.</summary>
public sealed class DriftSettingsPanelTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_data_driven_threshold_is_refused_for_a_test_method_and_saved_for_a_distance_with_the_engineer_in_the_audit()
    {
        var name = RegistryApi.UniqueName();
        await using (var db = database.Open())
        {
            db.Models.Add(new RegisteredModel { Name = name, Task = ModelTasks.Classification, CreatedBy = "seed", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddSingleton(TimeProvider.System).AddScoped<BrowserTimeZone>().AddScoped<OperationScope>();
        database.AddTo(ctx.Services);
        TestDatabase.SignIn(ctx.Services, "engineer-id", "engineer@example.com", Roles.Engineer);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        ctx.Render<MudPopoverProvider>();
        var saved = 0;

        var panel = ctx.Render<DriftSettingsPanel>(p => p.Add(c => c.Model, name).Add(c => c.Columns, ["amount", "country"]).Add(c => c.OnSaved, () => saved++));
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("#drift-settings-columns tbody tr").Count));
        var amount = panel.FindComponents<MudSelect<string>>()[2];   // the first two are the method for every column and the reference
        await panel.InvokeAsync(() => amount.Instance.ValueChanged.InvokeAsync(DriftMethods.Ks));
        var dataDriven = panel.FindComponents<MudSwitch<bool>>()[0];
        await panel.InvokeAsync(() => dataDriven.Instance.ValueChanged.InvokeAsync(true));
        await panel.InvokeAsync(() => panel.Find("#drift-settings-save").Click());

        panel.WaitForAssertion(() => Assert.Contains("columns.amount.dataDriven", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(0, saved);

        await panel.InvokeAsync(() => amount.Instance.ValueChanged.InvokeAsync(DriftMethods.Wasserstein));
        await panel.InvokeAsync(() => panel.Find("#drift-settings-save").Click());

        panel.WaitForAssertion(() => Assert.Equal(1, saved));
        await using var check = database.Open();
        var stored = await DriftSettingsStore.ReadAsync(check, name, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(new ColumnDriftChoice(DriftMethods.Wasserstein, null, true), stored!.Columns!["amount"]);
        Assert.False(stored.Columns.ContainsKey("country"));   // nothing chosen: not stored
        var id = (await check.Models.SingleAsync(m => m.Name == name, Xunit.TestContext.Current.CancellationToken)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await check.AuditEntries.Where(a => a.EntityType == nameof(RegisteredModel) && a.EntityId == id && a.Action == AuditActions.Updated).ToListAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Contains(audit, a => a.ActorName == "engineer@example.com" && a.Changes.Contains("DriftSettingsJson", StringComparison.Ordinal));
    }
}
