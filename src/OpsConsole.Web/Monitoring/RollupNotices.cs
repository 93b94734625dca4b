using System.Collections.Concurrent;
using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>New predictions of a model are in its rollups: open monitoring pages redraw instead of polling the database.</summary>
public sealed record RollupsUpdated(string Model);

/// <summary>
/// Publishes <see cref="RollupsUpdated"/> after the prediction-log writer commits a batch, at most once per
/// <see cref="Interval"/> per model: a busy model would otherwise redraw every open page on every batch.
/// </summary>
public sealed class RollupNotices(LiveEvents live, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    public void Written(IEnumerable<string> models)
    {
        var now = time.GetTimestamp();
        foreach (var model in models.Distinct(StringComparer.Ordinal))
        {
            var publish = false;
            _last.AddOrUpdate(model, _ => { publish = true; return now; }, (_, last) =>
            {
                if (time.GetElapsedTime(last, now) < Interval) return last;
                publish = true;
                return now;
            });
            if (publish) _ = live.PublishAsync(new RollupsUpdated(model));
        }
    }
}
