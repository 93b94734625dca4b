using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Platform;

/// <summary>Raised after each heartbeat so the system page can update without polling.</summary>
public sealed record HeartbeatRecorded(string JobId, DateTimeOffset At, string ServerName);

/// <summary>A recurring job whose only work is to prove that background jobs run: the system page and readiness read it.</summary>
public sealed class HeartbeatJob(OpsDbContext db, TimeProvider time, LiveEvents live, ILogger<HeartbeatJob> logger)
{
    public const string Id = "platform-heartbeat";

    /// <summary>Hangfire cron for a beat every <paramref name="seconds"/> seconds (second-level cron below a minute).</summary>
    public static string Cron(int seconds) => seconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"*/{seconds} * * * * *")
        : string.Create(CultureInfo.InvariantCulture, $"*/{Math.Max(1, seconds / 60)} * * * *");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var server = Environment.MachineName;
        var row = await db.JobHeartbeats.SingleOrDefaultAsync(x => x.JobId == Id, cancellationToken);
        if (row is null)
        {
            row = new JobHeartbeat { JobId = Id, ServerName = server };
            db.JobHeartbeats.Add(row);
        }
        row.LastBeatAt = now;
        row.ServerName = server;
        row.Beats++;
        await db.SaveChangesAsync(cancellationToken);
        logger.HeartbeatRecorded(row.Beats, server);
        await live.PublishAsync(new HeartbeatRecorded(Id, now, server));
    }
}
