using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsConsole.Platform;

namespace OpsConsole.Scoring;

/// <summary>A request was served by a fallback (or refused because none could serve); published at most every 10 s per model.</summary>
public sealed record ScoringFellBack(string Model, int? FailedVersion, string? ServedBy, int? ServedVersion, string Reason, long CountSinceLast);

/// <summary>
/// Scoring's Prometheus metrics (exported at /metrics as <c>opsconsole_…</c>) and the fallback event. Contract
/// violations are counted per model, feature and kind, so a column an upstream job stopped sending shows as a rising
/// <c>missing</c> count on the next scrape. Labels are only registered models, their versions and a few fixed words,
/// never a caller's text, so the series stay bounded. Each error is also tallied per version and minute for the
/// monitoring pages (<see cref="Monitoring.ServiceErrorTally"/>).
/// </summary>
public sealed class ScoringMetrics(IMeterFactory meters, LiveEvents live, Monitoring.ServiceErrorTally errors, TimeProvider time, ILogger<ScoringMetrics> logger)
{
    static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(10);

    // Prometheus wants base units (promtool rejects milliseconds), so latency is exported in seconds, with buckets
    // from 1 ms, where a small model answers, to 10 s, past the longest scoring timeout worth configuring.
    static readonly InstrumentAdvice<double> LatencyBuckets = new() { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };

    readonly ConcurrentDictionary<string, (long LastAt, long Count)> _fallbackEvents = new(StringComparer.Ordinal);
    readonly Counter<long> _predictions = Meter(meters).CreateCounter<long>("opsconsole.scoring.predictions", description: "Predictions served, by model, version and stage.");
    readonly Counter<long> _violations = Meter(meters).CreateCounter<long>("opsconsole.scoring.contract_violations", description: "Record fields that broke the data contract, by model, feature and kind.");
    readonly Counter<long> _fallbacks = Meter(meters).CreateCounter<long>("opsconsole.scoring.fallbacks", description: "Requests the version chosen first could not answer, by model, that version and reason.");
    readonly Counter<long> _errors = Meter(meters).CreateCounter<long>("opsconsole.scoring.errors", description: "Requests answered with an error, by model, the version chosen first and kind: rejected (400, bad input) or failed (503, nothing could serve).");
    readonly Counter<long> _shadowDropped = Meter(meters).CreateCounter<long>("opsconsole.scoring.shadow_dropped", description: "Requests not shadowed because the shadow queue was full.");
    readonly Counter<long> _shadowCompared = Meter(meters).CreateCounter<long>("opsconsole.scoring.shadow_compared", description: "Rows scored by a shadow version and compared.");
    readonly Histogram<double> _latency = Meter(meters).CreateHistogram<double>("opsconsole.scoring.latency", unit: "s", description: "Scoring time per request, by model, version and stage.", advice: LatencyBuckets);

    // IMeterFactory hands back the same Meter for the same name, so every instrument lands on the console's meter.
    static Meter Meter(IMeterFactory meters) => meters.Create(TelemetrySetup.MeterName);

    long _shadowDroppedTotal;
    public long ShadowDroppedTotal => Interlocked.Read(ref _shadowDroppedTotal);

    public void Served(string model, int version, string servedBy, int rows, double latencyMs)
    {
        var tags = new TagList { { "model", model }, { "version", version }, { "served_by", servedBy } };
        _predictions.Add(rows, tags);
        _latency.Record(latencyMs / 1000, tags);
    }

    /// <summary>Counts a request answered with an error: <c>rejected</c> (400, bad input) or <c>failed</c> (503, nothing could serve).</summary>
    public void Error(string model, int version, string kind) =>
        _errors.Add(1, new TagList { { "model", model }, { "version", version }, { "kind", kind } });

    public void Violation(string model, int version, string feature, string kind)
    {
        _violations.Add(1, new TagList { { "model", model }, { "feature", feature }, { "kind", kind } });
        errors.Add(model, version, Monitoring.ServiceErrorKinds.Violation, feature);
    }

    /// <summary>A request refused because its input broke the serving version's contract.</summary>
    public void Rejected(string model, int version)
    {
        Error(model, version, "rejected");
        errors.Add(model, version, Monitoring.ServiceErrorKinds.Rejected);
    }

    public void ShadowDrop(string model)
    {
        Interlocked.Increment(ref _shadowDroppedTotal);
        _shadowDropped.Add(1, new TagList { { "model", model } });
    }

    public void ShadowRows(string model, int shadowVersion, int rows) =>
        _shadowCompared.Add(rows, new TagList { { "model", model }, { "version", shadowVersion } });

    /// <summary>Counts a fallback and publishes <see cref="ScoringFellBack"/>, throttled so an outage is one event per interval, not one per request.</summary>
    // kind is the metric label, one of a few words (unavailable, fault, timeout, contract) so series stay bounded;
    // reason is the full text, for the log and the event.
    public void FellBack(string model, int? failedVersion, string kind, string reason, string? servedBy, int? servedVersion)
    {
        var tags = new TagList { { "model", model }, { "reason", kind } };
        if (failedVersion is { } failed)
        {
            tags.Add("version", failed);
            errors.Add(model, failed, kind);
            errors.Add(model, failed, servedBy is null ? Monitoring.ServiceErrorKinds.Refused : Monitoring.ServiceErrorKinds.Fallback);
        }
        _fallbacks.Add(1, tags);
        var now = time.GetTimestamp();
        var publish = false;
        long count = 0;
        _fallbackEvents.AddOrUpdate(model, _ => { publish = true; count = 1; return (now, 0); }, (_, previous) =>
        {
            if (time.GetElapsedTime(previous.LastAt, now) < EventInterval) { publish = false; return (previous.LastAt, previous.Count + 1); }
            publish = true;
            count = previous.Count + 1;
            return (now, 0);
        });
        if (!publish) return;
        ScoringLog.FellBack(logger, model, failedVersion, reason, servedBy ?? "nobody", count);
        _ = live.PublishAsync(new ScoringFellBack(model, failedVersion, servedBy, servedVersion, reason, count));
    }
}
