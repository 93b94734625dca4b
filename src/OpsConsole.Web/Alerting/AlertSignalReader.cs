using Microsoft.EntityFrameworkCore;
using OpsConsole.Monitoring;
using OpsConsole.Registry;

namespace OpsConsole.Alerting;

/// <summary>
/// Reads the monitoring figure a rule watches over its window, per scope: the rollups for service and output signals
/// (never the raw log), the drift engine for drift, outcomes for accuracy, the daily KPIs for the confident rate, reviews for the correction rate. Serving
/// errors are counted per version without a segment, so error signals ignore a rule's segment.
/// </summary>
public sealed class AlertSignalReader(OpsDbContext db, SlowSignalCache cache, DriftQueries drift, PerformanceQueries performance, KpiQueries kpis)
{
    public async Task<IReadOnlyList<SignalReading>> ReadAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = rule.Version ?? await db.ModelVersions.Where(v => v.Model!.Name == rule.Model && v.Stage == ModelStage.Production)
            .Select(v => (int?)v.Version).SingleOrDefaultAsync(cancellationToken);
        var labels = Labels(rule, version);
        if (version is not { } v) return [new SignalReading(labels, null, null, null, $"{rule.Model} has no production version to watch.")];
        var lastData = await db.PredictionRollups.Where(r => r.Model == rule.Model && r.Version == v).MaxAsync(r => (DateTimeOffset?)r.MinuteStart, cancellationToken);
        var lastDataAt = lastData?.AddMinutes(1);
        var window = TimeSpan.FromMinutes(rule.WindowMinutes);
        var from = RollupKey.MinuteOf(now - window);
        return rule.Signal switch
        {
            AlertSignals.ErrorRate or AlertSignals.SchemaViolations or AlertSignals.FallbacksServed => [await ErrorsAsync(rule, v, from, labels, lastDataAt, cancellationToken)],
            AlertSignals.P99LatencyMs or AlertSignals.P95LatencyMs or AlertSignals.P50LatencyMs or AlertSignals.LowConfidenceShare or AlertSignals.Predictions
                or AlertSignals.MeanConfidence => [await RollupsAsync(rule, v, from, labels, lastDataAt, cancellationToken)],
            _ when RuleDefinitions.IsDrift(rule.Signal) => await DriftAsync(rule, v, window, now, labels, lastDataAt, cancellationToken),
            AlertSignals.Accuracy => [await AccuracyAsync(rule, v, window, now, labels, lastDataAt, cancellationToken)],
            AlertSignals.ConfidentRateChange => [await ConfidentChangeAsync(rule, now, labels, lastDataAt, cancellationToken)],
            AlertSignals.CorrectionRate => [await CorrectionRateAsync(rule, v, now - window, now, labels, cancellationToken)],
            _ => [new SignalReading(labels, null, null, lastDataAt, $"'{rule.Signal}' is not a signal the console computes.")],
        };
    }

    /// <summary>The alert's labels: the rule's own, then its scope (which the rule cannot override), then its name and tier.</summary>
    public static Dictionary<string, string> Labels(AlertRule rule, int? version)
    {
        var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal)
        {
            ["alertname"] = rule.Name, ["model"] = rule.Model, ["severity"] = Incidents.IncidentRules.Name(rule.Severity).ToLowerInvariant(), ["signal"] = rule.Signal,
        };
        if (version is { } v) labels["version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (rule.Segment is { Length: > 0 } segment) labels["segment"] = segment;
        return labels;
    }

    async Task<SignalReading> ErrorsAsync(AlertRule rule, int version, DateTimeOffset from, Dictionary<string, string> labels, DateTimeOffset? lastDataAt, CancellationToken cancellationToken)
    {
        var counts = await db.ServiceErrorRollups.AsNoTracking().Where(r => r.Model == rule.Model && r.Version == version && r.MinuteStart >= from)
            .GroupBy(r => r.Kind).Select(g => new { Kind = g.Key, Count = g.Sum(r => r.Count) }).ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        long Count(string kind) => counts.GetValueOrDefault(kind);
        switch (rule.Signal)
        {
            case AlertSignals.SchemaViolations:
                return new SignalReading(labels, Count(ServiceErrorKinds.Violation), null, lastDataAt, $"{Count(ServiceErrorKinds.Violation)} fields broke the data contract in the last {rule.WindowMinutes} min.");
            case AlertSignals.FallbacksServed:
                return new SignalReading(labels, Count(ServiceErrorKinds.Fallback), null, lastDataAt, $"{Count(ServiceErrorKinds.Fallback)} requests were served by a fallback in the last {rule.WindowMinutes} min.");
        }
        // Served requests are counted as their predictions, exact for one record per request (the demo, most online callers).
        var predictions = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == rule.Model && r.Version == version && r.MinuteStart >= from)
            .SumAsync(r => (long?)r.Count, cancellationToken) ?? 0;
        var failed = ServiceErrorKinds.OutcomeKinds.Sum(Count);
        var total = predictions + Count(ServiceErrorKinds.Rejected) + Count(ServiceErrorKinds.Refused);
        double? rate = total == 0 ? null : (double)failed / total;
        return new SignalReading(labels, rate, total, lastDataAt, rate is { } r
            ? $"{failed} of {total} requests went wrong ({r:P1}) in the last {rule.WindowMinutes} min."
            : $"No requests in the last {rule.WindowMinutes} min.");
    }

    async Task<SignalReading> RollupsAsync(AlertRule rule, int version, DateTimeOffset from, Dictionary<string, string> labels, DateTimeOffset? lastDataAt, CancellationToken cancellationToken)
    {
        var rows = await db.PredictionRollups.AsNoTracking()
            .Where(r => r.Model == rule.Model && r.Version == version && r.MinuteStart >= from && (rule.Segment == null || r.Segment == rule.Segment))
            .ToListAsync(cancellationToken);
        var cell = new RollupCell();
        foreach (var row in rows) cell.Merge(RollupMaintenance.Read(row));
        var minutes = rule.WindowMinutes;
        switch (rule.Signal)
        {
            case AlertSignals.P99LatencyMs or AlertSignals.P95LatencyMs or AlertSignals.P50LatencyMs:
                var (q, name) = rule.Signal switch { AlertSignals.P99LatencyMs => (0.99, "p99"), AlertSignals.P95LatencyMs => (0.95, "p95"), _ => (0.5, "p50") };
                double? latency = cell.Latency.Count == 0 ? null : cell.Latency.Quantile(q);
                return new SignalReading(labels, latency, cell.Latency.Count, lastDataAt, latency is { } ms
                    ? $"{name} latency {ms:0.#} ms over {cell.Latency.Count} predictions in the last {minutes} min."
                    : $"No predictions in the last {minutes} min.");
            case AlertSignals.Predictions:
                // Zero is a figure here, not missing data: a rule "predictions below 10" is how a stopped upstream is caught.
                return new SignalReading(labels, cell.Count, null, lastDataAt, $"{cell.Count} predictions in the last {minutes} min.");
            case AlertSignals.MeanConfidence:
                double? mean = cell.ConfidenceCount == 0 ? null : cell.ConfidenceSum / cell.ConfidenceCount;
                return new SignalReading(labels, mean, cell.ConfidenceCount, lastDataAt, mean is { } c
                    ? $"Mean confidence {c:0.###} over {cell.ConfidenceCount} predictions in the last {minutes} min."
                    : $"No predictions with a confidence in the last {minutes} min.");
        }
        var low = cell.ConfidenceCount - cell.ConfidentAtLeast(MetricsQueries.LowConfidenceThreshold);
        double? share = cell.ConfidenceCount == 0 ? null : (double)low / cell.ConfidenceCount;
        return new SignalReading(labels, share, cell.ConfidenceCount, lastDataAt, share is { } s
            ? $"{low} of {cell.ConfidenceCount} predictions ({s:P1}) were below confidence {MetricsQueries.LowConfidenceThreshold:0.##} in the last {rule.WindowMinutes} min."
            : $"No predictions with a confidence in the last {rule.WindowMinutes} min.");
    }

    async Task<IReadOnlyList<SignalReading>> DriftAsync(AlertRule rule, int version, TimeSpan window, DateTimeOffset now, Dictionary<string, string> labels,
        DateTimeOffset? lastDataAt, CancellationToken cancellationToken)
    {
        var (view, _, problem) = await cache.GetAsync($"drift|{rule.Model}|{version}|{rule.Segment}|{window}|{rule.Method}", now,
            () => drift.ReportAsync(rule.Model, version, rule.Segment, window, null, null, now, cancellationToken, rule.Method));
        if (view is null) return [new SignalReading(labels, null, null, lastDataAt, problem ?? "No drift report.")];
        if (rule.Signal == AlertSignals.DatasetDriftShare)
        {
            var drifted = view.Columns.Where(c => c.Kind == "feature" && c.Drift).Select(c => c.Column).ToList();
            return [new SignalReading(labels, view.DriftShare, null, lastDataAt,
                $"{view.DriftShare:P0} of features drifted over the last {rule.WindowMinutes} min ({view.Current.Rows} rows){(drifted.Count > 0 ? ": " + string.Join(", ", drifted) : "")}.")];
        }
        var kind = rule.Signal switch { AlertSignals.PredictionDrift => "prediction", AlertSignals.ConfidenceDrift => "confidence", _ => "feature" };
        return [.. view.Columns.Where(c => c.Kind == kind && (kind != "feature" || rule.Column is null || c.Column == rule.Column)).Select(c =>
            new SignalReading(new Dictionary<string, string>(labels) { ["column"] = c.Column }, c.Statistic, null, lastDataAt,
                $"{c.Method} of {c.Column} is {c.Statistic:0.####} against the reference (threshold {c.Threshold:0.###}) over {view.Current.Rows} rows."))];
    }

    async Task<SignalReading> AccuracyAsync(AlertRule rule, int version, TimeSpan window, DateTimeOffset now, Dictionary<string, string> labels, DateTimeOffset? lastDataAt,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await cache.GetAsync($"accuracy|{rule.Model}|{version}|{window}", now, () => performance.ForAsync(rule.Model, version, window, now, cancellationToken));
        if (view?.Report.Classification is not { } report) return new SignalReading(labels, null, view?.Report.Labelled, lastDataAt, problem ?? "No labelled predictions in the window yet.");
        return new SignalReading(labels, report.Accuracy, view.Report.Labelled, lastDataAt,
            $"Accuracy {report.Accuracy:P1} over {view.Report.Labelled} labelled predictions ({view.Report.Coverage:P0} coverage) in the last {rule.WindowMinutes} min.");
    }

    /// <summary>
    /// Corrected over reviewed predictions among the window's reviews. Its "last data" is the latest review, not the
    /// latest prediction: a model with traffic and an idle review queue has no correction rate to judge.
    /// </summary>
    async Task<SignalReading> CorrectionRateAsync(AlertRule rule, int version, DateTimeOffset from, DateTimeOffset now, Dictionary<string, string> labels,
        CancellationToken cancellationToken)
    {
        var segment = rule.Segment is { Length: > 0 } s ? s : null;
        var (reviewed, corrected) = await kpis.ReviewCountsAsync(rule.Model, version, segment, from, now, cancellationToken);
        var lastReview = await db.PredictionReviews.Where(r => r.Model == rule.Model && r.Version == version).MaxAsync(r => (DateTimeOffset?)r.ReviewedAt, cancellationToken);
        if (KpiMath.CorrectionRate(corrected, reviewed) is not { } rate)
            return new SignalReading(labels, null, 0, lastReview, $"No prediction of v{version} was reviewed in the last {rule.WindowMinutes} min.");
        var interval = WilsonInterval.Of(corrected, reviewed)!;
        return new SignalReading(labels, rate, reviewed, lastReview,
            $"{corrected} of {reviewed} reviewed predictions corrected in the last {rule.WindowMinutes} min: {rate:P1} (95 % {interval.Low:P1}–{interval.High:P1}).");
    }

    async Task<SignalReading> ConfidentChangeAsync(AlertRule rule, DateTimeOffset now, Dictionary<string, string> labels, DateTimeOffset? lastDataAt, CancellationToken cancellationToken)
    {
        var view = await cache.GetAsync($"kpis|{rule.Model}", now, () => kpis.DailyAsync(rule.Model, 1, MetricsQueries.LowConfidenceThreshold, TimeZoneInfo.Utc, now, cancellationToken));
        var today = view?.Days is { Count: > 0 } days ? days[^1] : null;
        return today?.ChangePoints is { } change
            ? new SignalReading(labels, change, today.WithConfidence, lastDataAt,
                $"Confident rate today {today.ConfidentRate:P1} against a 7-day baseline of {today.BaselineRate:P1}: {change:+0.0;-0.0} points.")
            : new SignalReading(labels, null, today?.WithConfidence, lastDataAt, "No confident-rate baseline yet (it needs earlier days of traffic).");
    }
}
