using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// The latest drift run of each model as Prometheus gauges: <c>opsconsole_drift_statistic</c> and
/// <c>opsconsole_drift_severity</c> (statistic against threshold, 1 at the threshold) per model and column, and
/// <c>opsconsole_drift_share</c> per model. Labels are bounded by the models and their contract's features. The
/// values are held in memory and set by the drift job, so a scrape never queries the database; after a restart they
/// reappear with the next run.
/// </summary>
public sealed class DriftGauges
{
    readonly ConcurrentDictionary<(string Model, string Column), (int Version, string Kind, string Method, double? Statistic, double? Severity)> _columns = new();
    readonly ConcurrentDictionary<string, (int Version, double Share)> _shares = new(StringComparer.Ordinal);

    public DriftGauges(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetrySetup.MeterName);
        meter.CreateObservableGauge("opsconsole.drift.statistic", () => Columns(c => c.Statistic), description: "Latest drift statistic per model and column.");
        meter.CreateObservableGauge("opsconsole.drift.severity", () => Columns(c => c.Severity), description: "Latest drift statistic against its threshold (1 = at the threshold).");
        meter.CreateObservableGauge("opsconsole.drift.share", () => _shares.Select(s => new Measurement<double>(s.Value.Share,
            new TagList { { "model", s.Key }, { "version", s.Value.Version } })), description: "Share of drifted features in the latest run.");
    }

    public void Record(string model, int version, IReadOnlyList<DriftColumnView> columns, double share)
    {
        foreach (var key in _columns.Keys.Where(k => k.Model == model)) _columns.TryRemove(key, out _);
        foreach (var c in columns) _columns[(model, c.Column)] = (version, c.Kind, c.Method, c.Statistic, DriftHeatmap.Severity(c));
        _shares[model] = (version, share);
    }

    IEnumerable<Measurement<double>> Columns(Func<(int Version, string Kind, string Method, double? Statistic, double? Severity), double?> value) =>
        _columns.Where(c => value(c.Value) is { } v && double.IsFinite(v)).Select(c => new Measurement<double>(value(c.Value)!.Value, new TagList
        {
            { "model", c.Key.Model }, { "column", c.Key.Column }, { "kind", c.Value.Kind }, { "method", c.Value.Method }, { "version", c.Value.Version },
        }));
}
