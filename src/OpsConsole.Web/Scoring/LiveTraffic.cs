using System.Collections.Concurrent;
using OpsConsole.Monitoring;

namespace OpsConsole.Scoring;

/// <summary>What the live traffic panel shows for one second.</summary>
public sealed record TrafficSecond(DateTimeOffset At, int Requests, int Rows, int Rejected, int Failed, int Fallbacks, double? P95Ms);

/// <summary>The last minute of one model's scoring on this server, with its per-second series.</summary>
public sealed record TrafficSnapshot(
    string Model, int WindowSeconds, double RequestsPerSecond, long Requests, long Rejected, long Failed, long Fallbacks,
    double? P50Ms, double? P95Ms, double? P99Ms, IReadOnlyDictionary<string, long> ServedBy, IReadOnlyList<TrafficSecond> Series);

/// <summary>
/// Scoring traffic per model and second for the live panel, kept in memory for the last two minutes. It is this
/// server's view (the durable, all-server view is the monitoring rollups); a second's latencies are a mergeable
/// histogram, so a window's percentiles are computed from merged buckets, never averaged.
/// </summary>
public sealed class LiveTraffic(TimeProvider time)
{
    public const int Seconds = 120;

    sealed class Slot
    {
        public long Second = long.MinValue;
        public int Requests, Rows, Rejected, Failed, Fallbacks;
        public readonly Dictionary<string, long> ServedBy = new(StringComparer.Ordinal);
        public readonly LogBucketHistogram Latency = new();
        public void Reset(long second)
        {
            Second = second;
            Requests = Rows = Rejected = Failed = Fallbacks = 0;
            ServedBy.Clear();
            Latency.Clear();
        }
    }

    readonly ConcurrentDictionary<string, Slot[]> _models = new(StringComparer.Ordinal);

    public void Served(string model, string servedBy, int rows, double latencyMs, bool fellBack) => Record(model, slot =>
    {
        slot.Requests++;
        slot.Rows += rows;
        if (fellBack) slot.Fallbacks++;
        slot.ServedBy[servedBy] = slot.ServedBy.GetValueOrDefault(servedBy) + 1;
        slot.Latency.Add(Math.Max(0, latencyMs));
    });

    public void Rejected(string model) => Record(model, slot => { slot.Requests++; slot.Rejected++; });

    public void Failed(string model) => Record(model, slot => { slot.Requests++; slot.Failed++; });

    void Record(string model, Action<Slot> change)
    {
        var slots = _models.GetOrAdd(model, _ => [.. Enumerable.Range(0, Seconds).Select(_ => new Slot())]);
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = slots[(int)(second % Seconds)];
        lock (slot)
        {
            if (slot.Second != second) slot.Reset(second);
            change(slot);
        }
    }

    /// <summary>The last <paramref name="windowSeconds"/> complete and current seconds.</summary>
    public TrafficSnapshot Snapshot(string model, int windowSeconds = 60)
    {
        windowSeconds = Math.Clamp(windowSeconds, 1, Seconds - 1);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var latency = new LogBucketHistogram();
        var servedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        var series = new List<TrafficSecond>(windowSeconds);
        long requests = 0, rejected = 0, failed = 0, fallbacks = 0;
        _models.TryGetValue(model, out var slots);
        for (var second = now - windowSeconds + 1; second <= now; second++)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(second);
            if (slots is null) { series.Add(new TrafficSecond(at, 0, 0, 0, 0, 0, null)); continue; }
            var slot = slots[(int)(second % Seconds)];
            lock (slot)
            {
                if (slot.Second != second) { series.Add(new TrafficSecond(at, 0, 0, 0, 0, 0, null)); continue; }
                requests += slot.Requests;
                rejected += slot.Rejected;
                failed += slot.Failed;
                fallbacks += slot.Fallbacks;
                foreach (var (key, count) in slot.ServedBy) servedBy[key] = servedBy.GetValueOrDefault(key) + count;
                latency.Merge(slot.Latency);
                series.Add(new TrafficSecond(at, slot.Requests, slot.Rows, slot.Rejected, slot.Failed, slot.Fallbacks,
                    slot.Latency.Count == 0 ? null : slot.Latency.Quantile(0.95)));
            }
        }
        double? Q(double q) => latency.Count == 0 ? null : latency.Quantile(q);
        return new TrafficSnapshot(model, windowSeconds, (double)requests / windowSeconds, requests, rejected, failed, fallbacks,
            Q(0.5), Q(0.95), Q(0.99), servedBy, series);
    }
}
