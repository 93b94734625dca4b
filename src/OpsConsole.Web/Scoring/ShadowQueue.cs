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
/// The hand-off from the request path to the shadow worker: a bounded queue that never blocks. When it is full the
/// request is not shadowed, and the drop is counted (metric <c>opsconsole_scoring_shadow_dropped</c>).
/// </summary>
public sealed class ShadowQueue(IOptions<ScoringOptions> options, ScoringMetrics metrics)
{
    readonly Channel<ShadowWork> _queue = Channel.CreateBounded<ShadowWork>(
        new BoundedChannelOptions(options.Value.ShadowQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<ShadowWork> Reader => _queue.Reader;
    public int Pending => _queue.Reader.Count;

    public void Offer(ShadowWork work)
    {
        if (!_queue.Writer.TryWrite(work)) metrics.ShadowDrop(work.Model);
    }

    public void Complete() => _queue.Writer.TryComplete();
}
