using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace OpsConsole.Scoring;

/// <summary>
/// The prediction log's writer. Two ways in:
/// <list type="bullet">
/// <item>Scoring queues each prediction and answers at once (<see cref="EnqueueAsync"/>); a full queue makes scoring
/// wait for room rather than drop a prediction, and stopping the app writes everything still queued.</item>
/// <item>Ingestion hands over a batch and waits until it is committed (<see cref="TryWriteDurablyAsync"/>), so its 2xx
/// means the rows are in the database; when too many rows already wait, it is refused at once and the caller answers
/// 429 instead of holding the client.</item>
/// </list>
/// Both are written together, in batches of up to <see cref="ScoringOptions.PredictionBatchSize"/> rows per transaction,
/// through <see cref="BulkInsert"/>.
/// </summary>
public sealed class PredictionLogWriter(
    IServiceScopeFactory scopes, Monitoring.RollupNotices notices, IOptions<ScoringOptions> options, TimeProvider time, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    sealed record DurableBatch(IReadOnlyList<PredictionRecord> Rows, TaskCompletionSource Written);

    readonly Channel<PredictionRecord> _queue = Channel.CreateBounded<PredictionRecord>(
        new BoundedChannelOptions(options.Value.PredictionQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    readonly Channel<DurableBatch> _durable = Channel.CreateUnbounded<DurableBatch>(new UnboundedChannelOptions { SingleReader = true });
    int _durableRows;
    long _written;
    volatile bool _stopping;
    Task<bool>? _scoredWait, _ingestedWait;

    public ValueTask EnqueueAsync(PredictionRecord record, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(record, cancellationToken);

    /// <summary>
    /// Null when the ingestion queue has no room for <paramref name="rows"/> (answer 429); otherwise a task that
    /// completes once every row is committed, or fails if they could not be written.
    /// </summary>
    public Task? TryWriteDurablyAsync(IReadOnlyList<PredictionRecord> rows)
    {
        if (Interlocked.Add(ref _durableRows, rows.Count) > options.Value.IngestionQueueCapacity)
        {
            Interlocked.Add(ref _durableRows, -rows.Count);
            return null;
        }
        var batch = new DurableBatch(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_durable.Writer.TryWrite(batch))
        {
            Interlocked.Add(ref _durableRows, -rows.Count);
            return null;   // stopping: refuse rather than accept what may not be written
        }
        return batch.Written.Task;
    }

    /// <summary>Predictions queued and not yet written.</summary>
    public int Pending => _queue.Reader.Count + Volatile.Read(ref _durableRows);

    /// <summary>Rows committed since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = options.Value.PredictionBatchSize;
        var rows = new List<PredictionRecord>(batchSize);
        var waiting = new List<DurableBatch>();
        // Reading ends only when both queues are completed (at stop) and empty, so nothing queued is left behind.
        while (await AnyToReadAsync())
        {
            await GatherAsync(batchSize);
            while (rows.Count < batchSize && _durable.Reader.TryRead(out var batch))
            {
                rows.AddRange(batch.Rows);
                waiting.Add(batch);
            }
            while (rows.Count < batchSize && _queue.Reader.TryRead(out var record)) rows.Add(record);
            try
            {
                if (!await WriteAsync(rows) && waiting.Count > 0) await WriteSeparatelyAsync(rows, waiting);
                else Settle(waiting, written: true);
            }
            finally
            {
                // Whatever happened, no ingestion request is left waiting for an answer.
                Settle(waiting, written: false);
                rows.Clear();
                waiting.Clear();
            }
        }
    }

    // Under light load every scored row would otherwise be a transaction of its own (a scope, a prepared insert, the
    // rollups, a commit: hundreds of microseconds) on the core that scoring also needs, and the writer would never rest;
    // waiting a few milliseconds for more rows makes that cost one per batch. Ingestion callers are holding for their
    // commit and stopping must not be held up, so either ends the wait at once.
    async Task GatherAsync(int batchSize)
    {
        var linger = TimeSpan.FromMilliseconds(options.Value.PredictionFlushMs);
        var started = time.GetTimestamp();
        while (!_stopping && _queue.Reader.Count < batchSize && !_durable.Reader.TryPeek(out _) && time.GetElapsedTime(started) < linger)
            await Task.Delay(PollInterval, time);
    }

    void Settle(List<DurableBatch> batches, bool written)
    {
        foreach (var batch in batches)
        {
            var settled = written
                ? batch.Written.TrySetResult()
                : batch.Written.TrySetException(new InvalidOperationException("The prediction log could not be written; nothing from this request was kept."));
            if (settled) Interlocked.Add(ref _durableRows, -batch.Rows.Count);
        }
    }

    // A shared transaction failed for good: one bad row must not fail every caller in it, so each ingested batch (and
    // the scored rows) get one attempt of their own, and only the batch that still fails is refused.
    async Task WriteSeparatelyAsync(List<PredictionRecord> rows, List<DurableBatch> waiting)
    {
        var ingested = waiting.SelectMany(b => b.Rows).ToHashSet(ReferenceEqualityComparer.Instance);
        var scored = rows.Where(r => !ingested.Contains(r)).ToList();
        if (scored.Count > 0) await WriteAsync(scored, attempts: 1);
        foreach (var batch in waiting) Settle([batch], await WriteAsync([.. batch.Rows], attempts: 1));
    }

    async Task<bool> AnyToReadAsync()
    {
        while (true)
        {
            if (_queue.Reader.TryPeek(out _) || _durable.Reader.TryPeek(out _)) return true;
            // Completion finishes once a queue is closed and empty; until both are, wait on the open ones.
            var scoredDone = _queue.Reader.Completion.IsCompleted;
            var ingestedDone = _durable.Reader.Completion.IsCompleted;
            if (scoredDone && ingestedDone) return false;
            // Each wait is kept until it completes, so an idle queue does not collect one abandoned waiter per loop.
            if (_scoredWait is null || _scoredWait.IsCompleted) _scoredWait = scoredDone ? null : _queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
            if (_ingestedWait is null || _ingestedWait.IsCompleted) _ingestedWait = ingestedDone ? null : _durable.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
            await Task.WhenAny(new[] { _scoredWait, _ingestedWait }.OfType<Task<bool>>());
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        _durable.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    async Task<bool> WriteAsync(List<PredictionRecord> batch, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await BulkInsert.WriteAsync(scope.ServiceProvider.GetRequiredService<OpsDbContext>(), batch, CancellationToken.None,
                    (db, token) => Monitoring.RollupMaintenance.ApplyAsync(db, batch, token));
                Interlocked.Add(ref _written, batch.Count);
                notices.Written(batch.Where(r => r.ServedBy != "shadow").Select(r => r.Model));
                return true;
            }
            catch (System.Data.Common.DbException exception) when (attempt < attempts)
            {
                ScoringLog.PredictionBatchRetry(logger, batch.Count, attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (Exception exception)   // not only DbException: a pool timeout must not kill the writer and strand callers
            {
                ScoringLog.PredictionBatchLost(logger, batch.Count, exception);
                return false;
            }
        }
    }
}
