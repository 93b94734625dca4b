using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Platform;

/// <summary>The console's own health as the overview and the system page show it.</summary>
public sealed record SystemStatusView(HeartbeatState Heartbeat, DateTimeOffset? LastBeatAt, string? LastBeatServer, int Beats, DatabaseProvider Provider, string DataDirectory)
{
    public bool IsHealthy => Heartbeat is HeartbeatState.Healthy or HeartbeatState.NeverSeen;

    public string HeartbeatText => Heartbeat switch
    {
        HeartbeatState.Healthy => "running",
        HeartbeatState.NeverSeen => "starting (no beat yet)",
        HeartbeatState.Late => "late",
        _ => "stopped",
    };
}

public sealed class SystemStatusQueries(IDbContextFactory<OpsDbContext> factory, TimeProvider time, IOptions<JobsOptions> jobs,
    IOptions<DatabaseOptions> database, IOptions<StorageOptions> storage)
{
    public async Task<SystemStatusView> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var beat = await db.JobHeartbeats.AsNoTracking().SingleOrDefaultAsync(x => x.JobId == HeartbeatJob.Id, cancellationToken);
        var state = Heartbeat.Judge(beat?.LastBeatAt, TimeSpan.FromSeconds(jobs.Value.HeartbeatSeconds), time.GetUtcNow());
        return new SystemStatusView(state, beat?.LastBeatAt, beat?.ServerName, beat?.Beats ?? 0, database.Value.Provider, storage.Value.FullDataDirectory);
    }
}
