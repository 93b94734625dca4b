using System.Collections.Concurrent;

namespace OpsConsole.Scoring;

/// <summary>What the shadow worker has gathered for one write: the comparisons and the shadows' own predictions.</summary>
public sealed class ShadowBatch
{
    public const int Rows = 500;

    public List<ShadowComparisonRecord> Comparisons { get; } = new(Rows);
    public List<PredictionRecord> Predictions { get; } = new(Rows);

    public bool IsEmpty => Comparisons.Count == 0 && Predictions.Count == 0;
}

/// <summary>
/// Writes the shadow worker's batches on a normal-priority thread of its own. The worker runs at nice 10, and a
/// transaction on SQLite holds the database's one write lock: held by a thread that gets a tenth of a busy core, it
/// would keep the prediction log's writer and waiting ingestion callers behind it (a priority inversion). A dedicated
/// thread rather than the pool, because a pool thread that the worker's hand-off made the pool create would inherit
/// the worker's nice value and then serve requests with it. Create it from a normal-priority thread.
/// </summary>
public sealed class ShadowBatchWriter : IDisposable
{
    public const string ThreadName = "shadow-writer";

    // A few batches may wait; beyond that the worker waits too, its queue fills, and further shadow work is dropped
    // and counted by the queue, never the requests.
    readonly BlockingCollection<ShadowBatch> _batches = new(boundedCapacity: 4);
    readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ShadowBatchWriter(Action<ShadowBatch> write)
    {
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var batch in _batches.GetConsumingEnumerable()) write(batch);
                _finished.TrySetResult();
            }
            catch (Exception exception)   // write handles the database's failures; anything else ends the writer, reported here
            {
                _finished.TrySetException(exception);
            }
        }) { Name = ThreadName, IsBackground = true };
        thread.Start();
    }

    public void Add(ShadowBatch batch)
    {
        if (!batch.IsEmpty) _batches.Add(batch);
    }

    /// <summary>No more batches: completes once every batch handed over is written.</summary>
    public Task CompleteAsync()
    {
        _batches.CompleteAdding();
        return _finished.Task;
    }

    public void Dispose() => _batches.Dispose();
}
