using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpsConsole.Monitoring;

namespace OpsConsole.Alerting;

/// <summary>
/// Drift reports for alert rules, kept for <see cref="AlertingOptions.DriftCacheSeconds"/>: a drift report reads every
/// row of both windows, so a rule evaluated every 15 s reuses the last one instead of recomputing it each time, and
/// rules on the same model, window and method share one.
/// </summary>
public sealed class DriftSignalCache(IServiceScopeFactory scopes, IOptions<AlertingOptions> options)
{
    readonly ConcurrentDictionary<(string, int, string?, TimeSpan, string?), (DateTimeOffset At, DriftView? View, string? Problem)> _reports = new();

    public async Task<(DriftView? View, string? Problem)> ReportAsync(string model, int version, string? segment, TimeSpan window, string? method,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (model, version, segment, window, method);
        if (_reports.TryGetValue(key, out var cached) && now - cached.At < TimeSpan.FromSeconds(options.Value.DriftCacheSeconds) && now >= cached.At)
            return (cached.View, cached.Problem);
        await using var scope = scopes.CreateAsyncScope();
        var drift = scope.ServiceProvider.GetRequiredService<DriftQueries>();
        var (view, _, problem) = await drift.ReportAsync(model, version, segment, window, null, null, now, cancellationToken, method);
        _reports[key] = (now, view, problem);
        return (view, problem);
    }

    public void Clear() => _reports.Clear();
}
