using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OpsConsole.Alerting;

/// <summary>
/// The figures that read whole windows of the prediction log (drift reports, realized accuracy, daily KPIs), kept for
/// <see cref="AlertingOptions.SlowSignalCacheSeconds"/>: a rule evaluated every 15 s reuses the last one instead of
/// recomputing it each time, and rules on the same model, window and method share one. Rollup figures are cheap and
/// never cached. The key says everything the figure depends on; the value is immutable.
/// </summary>
public sealed class SlowSignalCache(IOptions<AlertingOptions> options)
{
    readonly ConcurrentDictionary<string, (DateTimeOffset At, object? Value)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, DateTimeOffset now, Func<Task<T>> compute)
    {
        if (_entries.TryGetValue(key, out var cached) && now >= cached.At && now - cached.At < TimeSpan.FromSeconds(options.Value.SlowSignalCacheSeconds))
            return (T)cached.Value!;
        var value = await compute();
        _entries[key] = (now, value);
        return value;
    }
}
