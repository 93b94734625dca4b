using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

/// <summary>
/// Writes the tallied serving errors into <see cref="ServiceErrorRollup"/> every few seconds and once more at stop.
/// Each cell is added to with an atomic <c>Count = Count + n</c>, so several console servers can flush into the same
/// cell without losing each other's counts; a cell no one has written yet is inserted, and a unique-key race on that
/// insert falls back to the update.
/// </summary>
public sealed class ServiceErrorFlusher(ServiceErrorTally tally, IServiceScopeFactory scopes, TimeProvider time, ILogger<ServiceErrorFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what the tally holds now; on failure the counts go back to the tally for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = tally.Drain();
        if (counts.Count == 0) return;
        // Each cell commits on its own, so after a failure only the cells not yet written go back to the tally.
        var left = new Dictionary<ServiceErrorKey, long>(counts);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            foreach (var (key, count) in counts)
            {
                await AddAsync(db, key, count, cancellationToken);
                left.Remove(key);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure, not only a database one: a background service that throws would stop the whole host.
            MonitoringLog.ErrorFlushFailed(logger, left.Count, exception.Message);
            tally.Return(left);
        }
    }

    static async Task AddAsync(OpsDbContext db, ServiceErrorKey key, long count, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await Cell(db, key).ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + count), cancellationToken);
            if (updated > 0) return;
            db.ServiceErrorRollups.Add(new ServiceErrorRollup { Model = key.Model, Version = key.Version, MinuteStart = key.Minute, Kind = key.Kind, Feature = key.Feature, Count = count });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();   // another server inserted the cell first: add to theirs
            }
        }
    }

    static IQueryable<ServiceErrorRollup> Cell(OpsDbContext db, ServiceErrorKey key) => db.ServiceErrorRollups.Where(r =>
        r.Model == key.Model && r.Version == key.Version && r.MinuteStart == key.Minute && r.Kind == key.Kind && r.Feature == key.Feature);
}
