using System.Text.RegularExpressions;

namespace OpsConsole.Alerting;

/// <summary>A rule as a person or script sends it: everything optional, so the check, not the parser, names what is missing. A template fills the gaps.</summary>
public sealed record RuleInput(string? Name = null, string? Template = null, string? Signal = null, string? Model = null, int? Version = null, string? Segment = null,
    string? Column = null, string? Method = null, string? Comparator = null, double? Threshold = null, int? WindowMinutes = null, int? ForSeconds = null,
    int? KeepFiringForSeconds = null, int? NoDataMinutes = null, long? MinimumDenominator = null, string? Severity = null, Dictionary<string, string>? Labels = null,
    List<string>? GroupBy = null, string? Runbook = null, bool? OpensIncident = null, bool? Notifies = null, bool? RollsBack = null, bool? RequestsRetraining = null,
    bool? Enabled = null, int? Revision = null);

/// <summary>A complete, checked rule.</summary>
public sealed record RuleDefinition(string Name, string? TemplateId, string Signal, string Model, int? Version, string? Segment, string? Column, string? Method,
    Comparator Comparator, double Threshold, int WindowMinutes, int ForSeconds, int KeepFiringForSeconds, int? NoDataMinutes, long MinimumDenominator,
    Severity Severity, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> GroupBy, string? Runbook, bool OpensIncident, bool Notifies,
    bool RollsBack, bool RequestsRetraining, bool Enabled);

/// <summary>
/// Turns a <see cref="RuleInput"/> into a <see cref="RuleDefinition"/>: the template's defaults first, then the
/// input's own values, then every field checked, each problem under its camelCase field name.
/// </summary>
public static partial class RuleDefinitions
{
    public static readonly IReadOnlyList<string> Signals =
    [
        AlertSignals.ErrorRate, AlertSignals.FeatureDrift, AlertSignals.DatasetDriftShare, AlertSignals.Accuracy, AlertSignals.CorrectionRate,
        AlertSignals.ConfidentRateChange, AlertSignals.P99LatencyMs, AlertSignals.SchemaViolations, AlertSignals.LowConfidenceShare, AlertSignals.FallbacksServed,
        AlertSignals.P50LatencyMs, AlertSignals.P95LatencyMs, AlertSignals.Predictions, AlertSignals.MeanConfidence, AlertSignals.PredictionDrift,
        AlertSignals.ConfidenceDrift,
    ];

    /// <summary>Signals read from a drift report (they take a <c>method</c>).</summary>
    public static bool IsDrift(string? signal) =>
        signal is AlertSignals.FeatureDrift or AlertSignals.DatasetDriftShare or AlertSignals.PredictionDrift or AlertSignals.ConfidenceDrift;

    static readonly string[] DriftMethods = ["psi", "kl", "js", "ks", "wasserstein", "chisquare", "z", "auto"];

    /// <summary>The window a signal is judged over when the rule names none: short for service signals, long for drift and labels.</summary>
    public static int DefaultWindowMinutes(string signal) => signal switch
    {
        _ when IsDrift(signal) => 60,
        AlertSignals.Accuracy or AlertSignals.CorrectionRate or AlertSignals.ConfidentRateChange => 1440,
        AlertSignals.LowConfidenceShare => 15,
        _ => 5,
    };

    public static Comparator? ParseComparator(string? text) => text?.Trim() switch
    {
        ">" or "above" or "Above" => Comparator.Above,
        ">=" or "atLeast" or "AtLeast" => Comparator.AtLeast,
        "<" or "below" or "Below" => Comparator.Below,
        "<=" or "atMost" or "AtMost" => Comparator.AtMost,
        _ => null,
    };

    public static string ComparatorName(Comparator comparator) => comparator switch
    {
        Comparator.Above => "above", Comparator.AtLeast => "atLeast", Comparator.Below => "below", _ => "atMost",
    };

    /// <summary>The comparator as people read it in a condition: &gt;, ≥, &lt;, ≤.</summary>
    public static string ComparatorSymbol(Comparator comparator) => comparator switch
    {
        Comparator.Above => ">", Comparator.AtLeast => "≥", Comparator.Below => "<", _ => "≤",
    };

    public static (RuleDefinition? Rule, Dictionary<string, string[]> Errors) Resolve(RuleInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RuleTemplate? template = null;
        if (input.Template is { Length: > 0 } id && (template = RuleTemplates.Find(id)) is null)
            errors["template"] = [$"There is no template '{id}'; use one of {string.Join(", ", RuleTemplates.All.Select(t => t.Id))}."];
        var signal = input.Signal ?? template?.Signal;
        if (signal is null) errors["signal"] = ["Name the signal to watch, or a template."];
        else if (!Signals.Contains(signal)) errors["signal"] = [$"'{signal}' is not a signal; use one of {string.Join(", ", Signals)}."];
        if (string.IsNullOrWhiteSpace(input.Model)) errors["model"] = ["Name the model the rule watches."];
        // A template's title states its threshold ("above 1 %"), so it only names a rule that keeps that condition.
        var keepsCondition = template is not null && (input.Threshold is null || input.Threshold == template.Threshold)
            && (input.Comparator is null || ParseComparator(input.Comparator) == template.Comparator) && (input.Signal is null || input.Signal == template.Signal);
        var name = (input.Name ?? (keepsCondition ? template!.Title : Describe(input, template)))?.Trim();
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["Give the rule a name."];
        else if (name.Length > 200) errors["name"] = ["Use at most 200 characters."];
        var comparator = input.Comparator is null ? template?.Comparator : ParseComparator(input.Comparator);
        if (comparator is null) errors["comparator"] = ["Choose above, atLeast, below or atMost (or >, >=, <, <=)."];
        var threshold = input.Threshold ?? template?.Threshold;
        if (threshold is not { } t || !double.IsFinite(t)) errors["threshold"] = ["Give a finite threshold."];
        var severity = input.Severity is null ? template?.Severity : Incidents.IncidentRules.ParseSeverity(input.Severity);
        if (severity is null) errors["severity"] = ["Choose SEV1, SEV2, SEV3 or SEV4."];
        var window = input.WindowMinutes ?? (signal is null ? 5 : DefaultWindowMinutes(signal));
        if (window is < 1 or > 43_200) errors["windowMinutes"] = ["Use a window of 1 minute to 30 days."];
        var forSeconds = input.ForSeconds ?? (int?)template?.For.TotalSeconds ?? 0;
        if (forSeconds is < 0 or > 86_400) errors["forSeconds"] = ["Use 0 to 86400 seconds."];
        var keep = input.KeepFiringForSeconds ?? (int?)template?.KeepFiringFor.TotalSeconds ?? 0;
        if (keep is < 0 or > 86_400) errors["keepFiringForSeconds"] = ["Use 0 to 86400 seconds."];
        if (input.NoDataMinutes is < 1 or > 10_080) errors["noDataMinutes"] = ["Use 1 minute to 7 days, or leave it out."];
        var denominator = input.MinimumDenominator ?? AlertCondition.DefaultMinimumDenominator;
        if (denominator is < 1 or > 100_000_000) errors["minimumDenominator"] = ["Use at least 1."];
        if (input.Version is < 1) errors["version"] = ["Versions start at 1; leave it out to follow production."];
        if (input.Method is { } method && !DriftMethods.Contains(method)) errors["method"] = [$"'{method}' is not a drift method; use one of {string.Join(", ", DriftMethods)}."];
        var methodChoice = input.Method ?? template?.Method;
        if (methodChoice is not null && !IsDrift(signal)) errors["method"] = ["Only drift signals take a method."];
        if (input.Column is not null && signal != AlertSignals.FeatureDrift) errors["column"] = ["Only featureDrift rules watch one column."];
        var labels = input.Labels ?? [];
        foreach (var key in labels.Keys.Where(k => !LabelName().IsMatch(k))) errors[$"labels.{key}"] = ["Label names are letters, digits and underscores, not starting with a digit."];
        if (labels.Count > 30 || labels.Any(l => l.Value is null || l.Value.Length > 200)) errors["labels"] = ["Use at most 30 labels, each value at most 200 characters."];
        var groupBy = input.GroupBy ?? [];
        if (groupBy.Count > 10 || groupBy.Any(g => !LabelName().IsMatch(g ?? ""))) errors["groupBy"] = ["Group by at most 10 label names."];
        var runbook = input.Runbook ?? template?.Runbook;
        if (runbook is { Length: > 64 }) errors["runbook"] = ["Use a runbook slug of at most 64 characters."];
        var opens = input.OpensIncident ?? (severity is { } s && Severities.OpensIncidentByDefault(s));
        var rollsBack = input.RollsBack ?? false;
        if (rollsBack && input.OpensIncident == false) errors["rollsBack"] = ["A rollback is recorded in an incident: a rule that rolls back opens one."];
        if (errors.Count > 0) return (null, errors);
        return (new RuleDefinition(name!, template?.Id, signal!, input.Model!.Trim(), input.Version, Blank(input.Segment), Blank(input.Column), methodChoice,
            comparator!.Value, threshold!.Value, window, forSeconds, keep, input.NoDataMinutes, denominator, severity!.Value, labels, groupBy, runbook, opens || rollsBack,
            input.Notifies ?? true, rollsBack, input.RequestsRetraining ?? false, input.Enabled ?? true), errors);
    }

    // "datasetDriftShare > 0.5": the condition itself, for a rule that changed its template's or was given no name.
    static string? Describe(RuleInput input, RuleTemplate? template)
    {
        var signal = input.Signal ?? template?.Signal;
        var comparator = input.Comparator is null ? template?.Comparator : ParseComparator(input.Comparator);
        var threshold = input.Threshold ?? template?.Threshold;
        if (template is null || signal is null || comparator is null || threshold is not { } t) return null;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{signal} {ComparatorSymbol(comparator.Value)} {t}");
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex LabelName();
}
