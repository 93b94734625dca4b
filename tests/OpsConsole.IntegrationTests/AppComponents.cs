using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpsConsole.Alerting;
using OpsConsole.Identity;
using OpsConsole.Incidents;
using OpsConsole.Incidents.Drills;
using OpsConsole.Incidents.Runbooks;
using OpsConsole.Platform;
using OpsConsole.Registry;
using OpsConsole.Scoring;

namespace OpsConsole;

/// <summary>
/// bUnit contexts for pages that work on the shared <see cref="TestApp"/> database (migrated, runbooks seeded): the
/// console's real stores and queries, live events of the context's own (so a change a test makes through the
/// context's stores reaches the page, as in one circuit), and a signed-in user of one role.
/// </summary>
public static class AppComponents
{
    public static BunitContext Create(TestApp app, string role, string? email = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;   // MudBlazor's, Plotly's and the shortcuts' JS are not under test
        var services = ctx.Services;
        services.AddMudServices().AddLogging().AddSingleton(TimeProvider.System).AddSingleton<LiveEvents>().AddScoped<BrowserTimeZone>().AddScoped<OperationScope>();
        TestDatabase.AddTo(services, ConnectionString(app));
        services.AddScoped<IncidentStore>().AddScoped<IncidentQueries>().AddScoped<IncidentStats>().AddScoped<RunbookStore>().AddScoped<RunbookProgress>().AddScoped<DrillStore>();
        services.AddScoped<AlertRuleStore>().AddScoped<AlertQueries>().AddScoped<SilenceStore>().AddScoped<RegistryQueries>();
        services.AddScoped<Review.ReviewStore>().AddScoped<Review.ReviewQueue>();
        // The app's own simulator: drills check it, and no test here starts it.
        services.AddSingleton(app.Services.GetRequiredService<TrafficSimulator>());
        TestDatabase.SignIn(services, $"{role.ToLowerInvariant()}-id", email ?? $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@tests.opsconsole", role);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return ctx;
    }

    public static string ConnectionString(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OpsDbContext>().Database.GetConnectionString()!;
    }

    /// <summary>A model in the registry under a unique name, with no version: enough for incidents, rules and drills to name it.</summary>
    public static async Task<string> AddModelAsync(TestApp app)
    {
        var name = RegistryApi.UniqueName();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        db.Models.Add(new RegisteredModel { Name = name, Task = ModelTasks.Classification, CreatedBy = "tests", CreatedAt = TestApp.Now });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return name;
    }
}
