using System.Collections.Concurrent;

namespace OpsConsole.Monitoring;

/// <summary>One cell of the error counts: a model version, a UTC minute, a kind and (for contract violations) a feature.</summary>
public readonly record struct ServiceErrorKey(string Model, int Version, DateTimeOffset Minute, string Kind, string Feature);

/// <summary>
/// Serving errors counted in memory as they happen, on the request path (one dictionary increment), and handed to
/// the web host's flusher every few seconds. Error counts are not acknowledged data, so a crash may lose the
/// last few seconds of them; the prediction log itself is never written this way.
/// </summary>
public sealed class ServiceErrorTally(TimeProvider time)
{
    public const int FeatureLength = 128;

    readonly ConcurrentDictionary<ServiceErrorKey, long> _counts = new();

    public void Add(string model, int version, string kind, string feature = "", long count = 1)
    {
        if (count <= 0) return;
        var key = new ServiceErrorKey(model, version, RollupKey.MinuteOf(time.GetUtcNow()), kind, feature.Length > FeatureLength ? feature[..FeatureLength] : feature);
        _counts.AddOrUpdate(key, count, (_, previous) => previous + count);
    }

    /// <summary>Takes every count so far. Each key is removed atomically with the count it held, so an increment racing
    /// the drain lands either in what is taken or in the tally for the next drain, never in neither.</summary>
    public IReadOnlyDictionary<ServiceErrorKey, long> Drain()
    {
        var taken = new Dictionary<ServiceErrorKey, long>();
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count)) taken[key] = count;
        }
        return taken;
    }

    /// <summary>Puts counts back after a failed write, so they are tried again with the next flush.</summary>
    public void Return(IReadOnlyDictionary<ServiceErrorKey, long> counts)
    {
        foreach (var (key, count) in counts) _counts.AddOrUpdate(key, count, (_, previous) => previous + count);
    }
}
