using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Scoring;

/// <summary>
/// The prediction log's writer: scoring puts each prediction on a bounded queue and goes on; this service writes the
/// queue in batches, so a request never waits on its own row's insert. A full queue makes scoring wait for room (back
/// pressure) instead of dropping predictions, and stopping the app first writes everything still queued.
/// </summary>
public sealed class PredictionLogWriter(IServiceScopeFactory scopes, IOptions<ScoringOptions> options, TimeProvider time, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    readonly Channel<PredictionRecord> _queue = Channel.CreateBounded<PredictionRecord>(
        new BoundedChannelOptions(options.Value.PredictionQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ValueTask EnqueueAsync(PredictionRecord record, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(record, cancellationToken);

    /// <summary>Predictions queued and not yet written.</summary>
    public int Pending => _queue.Reader.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PredictionRecord>(options.Value.PredictionBatchSize);
        // Reading ends only when the queue is completed (at stop) and empty, so nothing queued is left behind.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < options.Value.PredictionBatchSize && _queue.Reader.TryRead(out var record)) batch.Add(record);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    async Task WriteAsync(List<PredictionRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
                db.Predictions.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException exception) when (attempt < 5)
            {
                ScoringLog.PredictionBatchRetry(logger, batch.Count, attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (DbUpdateException exception)
            {
                ScoringLog.PredictionBatchLost(logger, batch.Count, exception);
                return;
            }
        }
    }
}
