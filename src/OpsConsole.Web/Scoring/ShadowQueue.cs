using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace OpsConsole.Scoring;

/// <summary>
/// A served (or ingested) request to be scored again by the model's shadow versions. Either records (scored through
/// each shadow's own contract) or the tensors the primary ran; the primary's row predictions to compare with; and per
/// row, what to keep of its inputs should a shadow disagree.
/// </summary>
public sealed record ShadowWork(
    string Model, int PrimaryVersion, IReadOnlyList<int> Shadows, DateTimeOffset At, string? Segment, string? RequestId,
    IReadOnlyList<Dictionary<string, JsonElement>>? Records, IReadOnlyList<NamedOnnxValue>? Tensors,
    IReadOnlyList<string?> PredictionIds, IReadOnlyList<RowPrediction> Primary, IReadOnlyList<string> RowFeaturesJson, double PrimaryLatencyMs);

/// <summary>
/// The hand-off from the request path to the shadow worker: a queue bounded both in requests
/// (<see cref="ScoringOptions.ShadowQueueCapacity"/>) and in the input values they hold
/// (<see cref="ScoringOptions.ShadowQueueMaxValues"/>, so a slow shadow behind large image tensors cannot exhaust
/// memory), that never blocks. When either bound is reached the request is not shadowed, and the drop is counted
/// (metric <c>opsconsole_scoring_shadow_dropped</c>).
/// </summary>
public sealed class ShadowQueue(IOptions<ScoringOptions> options, ScoringMetrics metrics)
{
    long _values;

    /// <summary>Input values (tensor elements, record fields) held by queued work.</summary>
    public long PendingValues => Interlocked.Read(ref _values);

    readonly Channel<ShadowWork> _queue = Channel.CreateBounded<ShadowWork>(
        new BoundedChannelOptions(options.Value.ShadowQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<ShadowWork> Reader => _queue.Reader;
    public int Pending => _queue.Reader.Count;

    public void Offer(ShadowWork work)
    {
        var weight = Weight(work);
        if (Interlocked.Add(ref _values, weight) > options.Value.ShadowQueueMaxValues || !_queue.Writer.TryWrite(work))
        {
            Interlocked.Add(ref _values, -weight);
            metrics.ShadowDrop(work.Model);
        }
    }

    /// <summary>Called by the worker once a piece of work is done, to give its values back to the budget.</summary>
    public void Done(ShadowWork work) => Interlocked.Add(ref _values, -Weight(work));

    // A tensor is an ICollection of its elements; a record weighs its fields.
    static long Weight(ShadowWork work) =>
        work.Tensors?.Sum(t => t.Value is System.Collections.ICollection c ? (long)c.Count : 1)
        ?? work.Records?.Sum(r => (long)Math.Max(1, r?.Count ?? 1))
        ?? 1;

    public void Complete() => _queue.Writer.TryComplete();
}
