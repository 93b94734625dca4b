using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace OpsConsole.Platform;

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
