using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>New predictions of a model are in its rollups: open monitoring pages redraw instead of polling the database.</summary>
public sealed record RollupsUpdated(string Model);

/// <summary>
/// Publishes <see cref="RollupsUpdated"/> after the prediction-log writer commits a batch, at most once per
/// <see cref="Interval"/> per model: a busy model would otherwise redraw every open page on every batch. A batch that
/// falls inside the interval is not forgotten: one more notice goes out when the interval ends, so the last predictions
/// before traffic stops are drawn too.
/// </summary>
public sealed class RollupNotices(LiveEvents live, TimeProvider time, ILogger<RollupNotices> logger) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    sealed class State
    {
        public long? LastAt;
        public ITimer? Trailing;
    }

    readonly Dictionary<string, State> _models = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    public void Written(IEnumerable<string> models)
    {
        foreach (var model in models.Distinct(StringComparer.Ordinal))
        {
            bool publish;
            lock (_gate)
            {
                var now = time.GetTimestamp();
                if (!_models.TryGetValue(model, out var state)) _models[model] = state = new State();
                var since = state.LastAt is { } last ? time.GetElapsedTime(last, now) : Interval;
                publish = since >= Interval;
                if (publish) state.LastAt = now;
                else state.Trailing ??= time.CreateTimer(_ => Trail(model), null, Interval - since, Timeout.InfiniteTimeSpan);
            }
            if (publish) Publish(model);
        }
    }

    void Trail(string model)
    {
        lock (_gate)
        {
            if (!_models.TryGetValue(model, out var state)) return;
            state.Trailing?.Dispose();
            state.Trailing = null;
            state.LastAt = time.GetTimestamp();
        }
        Publish(model);
    }

    void Publish(string model)
    {
        // Fire and forget on purpose (the writer must not wait on page redraws), but a failure is logged, not lost.
        var task = live.PublishAsync(new RollupsUpdated(model));
        if (!task.IsCompleted) task.ContinueWith(t => MonitoringLog.NoticeFailed(logger, model, t.Exception!.GetBaseException().Message), TaskContinuationOptions.OnlyOnFaulted);
        else if (task.IsFaulted) MonitoringLog.NoticeFailed(logger, model, task.Exception!.GetBaseException().Message);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var state in _models.Values) state.Trailing?.Dispose();
            _models.Clear();
        }
    }
}
