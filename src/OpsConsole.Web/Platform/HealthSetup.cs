using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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

/// <summary>Ready only when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<OpsDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}

/// <summary>Degraded (still serving) when the job heartbeat is late: the console works, background work does not.</summary>
public sealed class JobsHealthCheck(IDbContextFactory<OpsDbContext> factory, TimeProvider time, IOptions<JobsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var last = await db.JobHeartbeats.AsNoTracking().Where(x => x.JobId == HeartbeatJob.Id)
            .Select(x => (DateTimeOffset?)x.LastBeatAt).SingleOrDefaultAsync(cancellationToken);
        return Heartbeat.Judge(last, TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), time.GetUtcNow()) switch
        {
            HeartbeatState.Late or HeartbeatState.Stopped => HealthCheckResult.Degraded("Background jobs have missed their heartbeat."),
            _ => HealthCheckResult.Healthy(),
        };
    }
}
