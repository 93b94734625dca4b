using OpsConsole.Incidents.Drills;
using OpsConsole.Incidents.Runbooks;

namespace OpsConsole.Incidents;

public static class IncidentsSetup
{
    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IncidentStore>();
        builder.Services.AddScoped<IncidentQueries>();
        builder.Services.AddScoped<IncidentStats>();
        builder.Services.AddScoped<RunbookStore>();
        builder.Services.AddScoped<RunbookProgress>();
        builder.Services.AddScoped<DrillStore>();
        // The console's own toasts; the on-call module adds its pagers as more IIncidentNotifier registrations.
        builder.Services.AddScoped<IIncidentNotifier, ConsoleIncidentNotifier>();
        builder.Services.AddHostedService<IncidentDeploymentRecorder>();
        return builder;
    }

    public static WebApplication MapIncidents(this WebApplication app)
    {
        app.MapIncidentsEndpoints();
        app.MapRunbookEndpoints();
        app.MapDrillEndpoints();
        return app;
    }

    /// <summary>Seeds the console's runbooks at start-up (every environment: rule templates link them).</summary>
    public static async Task SeedRunbooksAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Identity.AuditActor>().UseSystem(RunbookStore.SeedActor);
        await scope.ServiceProvider.GetRequiredService<RunbookStore>().SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
