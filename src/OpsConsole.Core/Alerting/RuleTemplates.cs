namespace OpsConsole.Alerting;

/// <summary>The monitoring signals a rule can watch (each one a figure the monitoring module computes per window).</summary>
public static class AlertSignals
{
    public const string ErrorRate = "errorRate";
    public const string FeatureDrift = "featureDrift";
    public const string DatasetDriftShare = "datasetDriftShare";
    public const string Accuracy = "accuracy";
    public const string CorrectionRate = "correctionRate";
    public const string ConfidentRateChange = "confidentRateChange";
    public const string P99LatencyMs = "p99LatencyMs";
    public const string SchemaViolations = "schemaViolations";
    public const string LowConfidenceShare = "lowConfidenceShare";
    public const string FallbacksServed = "fallbacksServed";
    public const string P50LatencyMs = "p50LatencyMs";
    public const string P95LatencyMs = "p95LatencyMs";
    public const string Predictions = "predictions";
    public const string MeanConfidence = "meanConfidence";
    public const string PredictionDrift = "predictionDrift";
    public const string ConfidenceDrift = "confidenceDrift";

    /// <summary>Signals that are a share of a count (the confident rate's change included): they carry the minimum denominator.</summary>
    public static bool IsProportion(string signal) => signal is ErrorRate or CorrectionRate or LowConfidenceShare or Accuracy or ConfidentRateChange;
}

/// <summary>A ready-made rule: what it watches, how it judges, how long, how severe, and the runbook it links.</summary>
public sealed record RuleTemplate(string Id, string Title, string Signal, Comparator Comparator, double Threshold, TimeSpan For, TimeSpan KeepFiringFor,
    Severity Severity, string Runbook, string Why, string? Method = null)
{
    public AlertTiming Timing => new(For, KeepFiringFor);
}

/// <summary>
/// The rule templates the console offers, with defaults from the field's practice (the alerting issue's list). Each
/// names the seeded runbook for its kind of incident.
/// </summary>
public static class RuleTemplates
{
    static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<RuleTemplate> All { get; } =
    [
        new("error-rate", "Error rate above 1 % for 1 minute", AlertSignals.ErrorRate, Comparator.Above, 0.01, OneMinute, FiveMinutes, Severity.Sev2, "error-burst",
            "Requests gone wrong (rejected, fallen back, refused) over all requests of the window."),
        new("feature-kl", "KL divergence of a feature above 0.3", AlertSignals.FeatureDrift, Comparator.Above, 0.3, FifteenMinutes, TimeSpan.Zero, Severity.Sev3, "data-drift",
            "The KL divergence of each feature against the reference.", Method: "kl"),
        new("dataset-drift", "Dataset drift share above 20 %", AlertSignals.DatasetDriftShare, Comparator.Above, 0.2, FifteenMinutes, TimeSpan.Zero, Severity.Sev2, "data-drift",
            "Share of features whose drift verdict is positive in the latest run."),
        new("accuracy", "Accuracy below 85 %", AlertSignals.Accuracy, Comparator.Below, 0.85, FifteenMinutes, TimeSpan.Zero, Severity.Sev2, "label-quality",
            "Realized accuracy of the labelled predictions of the window."),
        new("correction-rate", "Correction rate above 1 %", AlertSignals.CorrectionRate, Comparator.Above, 0.01, FifteenMinutes, TimeSpan.Zero, Severity.Sev3, "label-quality",
            "Reviewed predictions whose label a reviewer changed, over reviewed predictions."),
        new("confident-rate-drop", "Confident-prediction rate 10 points below its 7-day baseline", AlertSignals.ConfidentRateChange, Comparator.AtMost, -10, FifteenMinutes, TimeSpan.Zero, Severity.Sev3, "data-drift",
            "Today's confident rate minus its trailing 7-day baseline, in percentage points."),
        new("p99-latency", "p99 latency above 250 ms", AlertSignals.P99LatencyMs, Comparator.Above, 250, FiveMinutes, FiveMinutes, Severity.Sev3, "latency-regression",
            "p99 of scoring time per record, from the merged latency histograms of the window."),
        new("schema-violation", "Any schema violation", AlertSignals.SchemaViolations, Comparator.Above, 0, TimeSpan.Zero, FiveMinutes, Severity.Sev2, "schema-break",
            "Fields that broke the data contract in the window (a dropped upstream column shows here first)."),
        new("low-confidence-spike", "Low-confidence predictions above 30 %", AlertSignals.LowConfidenceShare, Comparator.Above, 0.3, FiveMinutes, TimeSpan.Zero, Severity.Sev3, "data-drift",
            "Share of predictions below the confidence threshold."),
        new("fallback-served", "A fallback served a request", AlertSignals.FallbacksServed, Comparator.Above, 0, TimeSpan.Zero, FifteenMinutes, Severity.Sev2, "failed-deployment",
            "Requests answered by the previous production version or the default label."),
    ];

    public static RuleTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);
}

/// <summary>
/// Which alerts share an incident: by default the rule and its scope (model, version, segment); a rule may name other
/// labels to group by instead. Labels the alert lacks count as empty, so the key is stable whatever order labels come in.
/// </summary>
public static class AlertGrouping
{
    public static readonly IReadOnlyList<string> DefaultLabels = ["model", "version", "segment"];

    public static string Key(string ruleId, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string>? groupBy = null) =>
        Fit(ruleId + "|" + string.Join("|", (groupBy ?? DefaultLabels).Order(StringComparer.Ordinal).Select(l => $"{l}={labels.GetValueOrDefault(l) ?? ""}")));

    /// <summary>The longest key the database stores (alert groups and incidents keep it in a 600-character column).</summary>
    public const int MaxKeyLength = 600;

    /// <summary>
    /// A key that fits its column: unchanged when short enough, else its readable start and a SHA-256 of the whole, so
    /// two long keys that share a start still differ (Alertmanager's nested routes make long group keys).
    /// </summary>
    public static string Fit(string key, int max = MaxKeyLength)
    {
        if (key.Length <= max) return key;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
        return key[..(max - hash.Length - 1)] + "#" + hash;
    }

    /// <summary>Free text cut to a column's length, marked with an ellipsis.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
