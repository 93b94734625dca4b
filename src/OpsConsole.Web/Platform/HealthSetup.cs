using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace OpsConsole.Platform;

public static class HealthSetup
{
    const string Ready = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<JobsHealthCheck>("jobs", tags: [Ready]);
        return builder;
    }

    /// <summary>Anonymous and status-only, for load balancers: no names, versions or errors leak out.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }
}
