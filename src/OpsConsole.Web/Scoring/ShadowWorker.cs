using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace OpsConsole.Scoring;

/// <summary>
/// Scores queued requests with each shadow version, off the request path: compares every row with what the primary
/// said, and writes the comparisons and the shadow's own predictions (served by "shadow"; they count in no rollup) in
/// batches. A shadow that fails is logged and skipped; it never affects what callers were answered.
/// </summary>
public sealed class ShadowWorker(
    ShadowQueue queue, ModelHost host, ServingDirectory directory, ScoringMetrics metrics, IServiceScopeFactory scopes,
    IOptions<ScoringOptions> options, TimeProvider time, ILogger<ShadowWorker> logger) : BackgroundService
{
    /// <summary>The worker thread's name, as the operating system shows it (<c>top -H</c>, /proc/…/task/…/comm).</summary>
    public const string ThreadName = "shadow-worker";
    const int FlushRows = ShadowBatch.Rows;

    // The loop runs on a thread of its own at a lower priority, so that on a machine without cores to spare the shadows
    // take only what requests leave; its shadow sessions are single-threaded for the same reason (ModelHost).
    // The writer is created here, on a normal-priority thread, so that its own thread is not lowered with the loop's.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var writer = new ShadowBatchWriter(Write);
        await LowPriorityThread.RunAsync(ThreadName, () => RunAsync(writer, stoppingToken), (lowered, reason) =>
        {
            if (!lowered) ScoringLog.ShadowPriorityNotLowered(logger, reason!);
        });
    }

    async Task RunAsync(ShadowBatchWriter writer, CancellationToken stoppingToken)
    {
        var pending = new ShadowBatch();
        var linger = TimeSpan.FromMilliseconds(options.Value.ShadowFlushMs);
        var firstPending = 0L;
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                while (pending.Comparisons.Count < FlushRows && queue.Reader.TryRead(out var work))
                {
                    if (pending.Comparisons.Count == 0) firstPending = time.GetTimestamp();
                    try
                    {
                        await ShadowAsync(work, pending, stoppingToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        ScoringLog.BackgroundWorkFailed(logger, work.Model, exception);   // one bad request must not stop shadowing
                    }
                    finally
                    {
                        queue.Done(work);
                    }
                }
                // Each write is a transaction with its commit, so comparisons gather into fewer, larger ones; they are
                // statistics for the shadow report, which can wait ShadowFlushMs for them.
                var waited = time.GetElapsedTime(firstPending);
                if (pending.Comparisons.Count >= FlushRows || (pending.Comparisons.Count > 0 && waited >= linger)) pending = Flush(writer, pending);
                if (queue.Reader.TryPeek(out _)) continue;

                // Each wait is kept until it completes, so waking up to flush does not leave an abandoned waiter behind.
                next ??= queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (pending.Comparisons.Count > 0) await Task.WhenAny(next, Task.Delay(linger - waited, time, stoppingToken));
                else await next;
                if (!next.IsCompleted) continue;
                var more = await next;
                next = null;
                if (!more) break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is shadow work, which may be dropped.
        }
        finally
        {
            writer.Add(pending);   // what was compared is kept
            await writer.CompleteAsync();
        }
    }

    async Task ShadowAsync(ShadowWork work, ShadowBatch pending, CancellationToken cancellationToken)
    {
        var plan = await directory.GetAsync(work.Model, cancellationToken);
        foreach (var version in work.Shadows)
        {
            var (hosted, error) = await host.GetForShadowAsync(work.Model, version, cancellationToken);
            if (hosted is null) { ScoringLog.ShadowFailed(logger, work.Model, version, error!); continue; }
            IReadOnlyCollection<NamedOnnxValue>? inputs = work.Tensors as IReadOnlyCollection<NamedOnnxValue>;
            if (work.Records is { } records)
            {
                var contract = plan?.Versions.GetValueOrDefault(version)?.FeatureSchema ?? [];
                (var mapped, error) = RecordScoring.ToInputs(hosted, contract, records);
                if (mapped is null) { ScoringLog.ShadowFailed(logger, work.Model, version, error!); continue; }
                inputs = mapped;
            }
            var started = time.GetTimestamp();
            var (outputs, failure, runError) = SessionRunner.Run(hosted, inputs!, TimeSpan.FromMilliseconds(plan?.Policy.TimeoutMs ?? options.Value.DefaultTimeoutMs), time);
            if (outputs is null) { ScoringLog.ShadowFailed(logger, work.Model, version, $"{failure}: {runError}"); continue; }
            IReadOnlyList<RowPrediction> predicted;
            using (outputs) predicted = PredictionReader.Read([.. outputs], plan?.Versions.GetValueOrDefault(version)?.Labels ?? []);
            var latency = time.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, predicted.Count);
            var rows = Math.Min(predicted.Count, work.Primary.Count);
            for (var r = 0; r < rows; r++)
            {
                var (p, s) = (work.Primary[r], predicted[r]);
                var sample = new ShadowSample(work.At, work.Segment, p.Label, s.Label, p.Confidence, s.Confidence, p.Value, s.Value, work.PrimaryLatencyMs, latency);
                pending.Comparisons.Add(new ShadowComparisonRecord
                {
                    Model = work.Model, ShadowVersion = version, PrimaryVersion = work.PrimaryVersion, At = work.At, Segment = work.Segment,
                    RequestId = work.RequestId, PrimaryPredictionId = work.PredictionIds[r], PrimaryLabel = PredictionLimits.Clip(p.Label), ShadowLabel = PredictionLimits.Clip(s.Label),
                    Agrees = sample.Agrees, PrimaryConfidence = p.Confidence, ShadowConfidence = s.Confidence, PrimaryValue = p.Value,
                    ShadowValue = s.Value, PrimaryLatencyMs = work.PrimaryLatencyMs, ShadowLatencyMs = latency,
                    FeaturesJson = sample.Agrees ? null : work.RowFeaturesJson[r],
                });
                pending.Predictions.Add(new PredictionRecord
                {
                    Id = PredictionIds.New(), Model = work.Model, Version = version, ServedBy = "shadow", At = work.At,
                    FeaturesJson = work.RowFeaturesJson[r], Label = PredictionLimits.Clip(s.Label),
                    ProbabilitiesJson = LogJson.Probabilities(s.Probabilities),
                    Confidence = s.Confidence, Value = s.Value, LatencyMs = latency, Segment = work.Segment, RequestId = work.RequestId,
                });
            }
            metrics.ShadowRows(work.Model, version, rows);
        }
    }

    static ShadowBatch Flush(ShadowBatchWriter writer, ShadowBatch pending)
    {
        if (pending.IsEmpty) return pending;
        writer.Add(pending);
        return new ShadowBatch();
    }

    // On the writer's thread. Shadow rows are statistics for the shadow report, not acknowledged data: a failed write
    // is logged and dropped. The shadows' predictions are written here rather than through the prediction log's writer
    // so that two shadows do not triple the rows that the served requests' log queue must hold.
    void Write(ShadowBatch batch)
    {
        Save(batch.Predictions, ScoringLog.ShadowPredictionsLost);
        Save(batch.Comparisons, ScoringLog.ShadowBatchLost);
    }

    void Save<T>(IReadOnlyList<T> rows, Action<ILogger, int, Exception> lost) where T : class
    {
        try
        {
            using var scope = scopes.CreateScope();
            BulkInsert.WriteAsync(scope.ServiceProvider.GetRequiredService<OpsDbContext>(), rows, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception exception)   // not only DbException: the writer's thread must outlive any one batch, or the worker would wait on it forever
        {
            lost(logger, rows.Count, exception);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }
}
