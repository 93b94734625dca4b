using OpsConsole.Incidents;

namespace OpsConsole.Alerting;

/// <summary>
/// The rule dialog's editable copy of a rule, filled from a template or a stored rule and turned back into a
/// <see cref="RuleInput"/> for the store, which does the checking. Fields the dialog does not show (labels, grouping,
/// runbook, method, version) travel through unchanged, so an edit never drops them.
/// </summary>
public sealed class RuleForm
{
    public static readonly IReadOnlyList<(string Name, string Text)> Comparators =
        [.. Enum.GetValues<Comparator>().Select(c => (RuleDefinitions.ComparatorName(c), RuleDefinitions.ComparatorSymbol(c)))];

    public string? Template { get; set; }
    public string Name { get; set; } = "";
    public string Signal { get; set; } = AlertSignals.ErrorRate;
    public string? Model { get; set; }
    public string? Segment { get; set; }
    public string? Column { get; set; }
    public string Comparator { get; set; } = "above";
    public double Threshold { get; set; }
    public int WindowMinutes { get; set; } = 5;
    public double ForMinutes { get; set; }
    public double KeepFiringMinutes { get; set; }
    public string Severity { get; set; } = "SEV3";
    public bool OpensIncident { get; set; }
    public bool RollsBack { get; set; }
    public bool RequestsRetraining { get; set; }
    public bool Notifies { get; set; } = true;
    public bool Enabled { get; set; } = true;
    public int? Revision { get; init; }

    int? _version;
    string? _method;
    int? _noDataMinutes;
    long? _minimumDenominator;
    Dictionary<string, string>? _labels;
    List<string>? _groupBy;
    string? _runbook;

    public static RuleForm From(RuleTemplate template) => new()
    {
        Template = template.Id, Name = template.Title, Signal = template.Signal, Comparator = RuleDefinitions.ComparatorName(template.Comparator),
        Threshold = template.Threshold, WindowMinutes = RuleDefinitions.DefaultWindowMinutes(template.Signal), ForMinutes = template.For.TotalMinutes,
        KeepFiringMinutes = template.KeepFiringFor.TotalMinutes, Severity = IncidentRules.Name(template.Severity),
        OpensIncident = Severities.OpensIncidentByDefault(template.Severity), _runbook = template.Runbook,
    };

    public static RuleForm From(AlertRuleView rule) => new()
    {
        Template = rule.Template, Name = rule.Name, Signal = rule.Signal, Model = rule.Model, Segment = rule.Segment, Column = rule.Column, Comparator = rule.Comparator,
        Threshold = rule.Threshold, WindowMinutes = rule.WindowMinutes, ForMinutes = rule.ForSeconds / 60.0, KeepFiringMinutes = rule.KeepFiringForSeconds / 60.0,
        Severity = rule.Severity, OpensIncident = rule.OpensIncident, RollsBack = rule.RollsBack, RequestsRetraining = rule.RequestsRetraining, Notifies = rule.Notifies,
        Enabled = rule.Enabled, Revision = rule.Revision, _version = rule.Version, _method = rule.Method, _noDataMinutes = rule.NoDataMinutes,
        _minimumDenominator = rule.MinimumDenominator, _labels = new(rule.Labels), _groupBy = [.. rule.GroupBy], _runbook = rule.Runbook,
    };

    public RuleInput ToInput() => new(Name.Trim(), Template, Signal, Model, _version, Blank(Segment), Signal == AlertSignals.FeatureDrift ? Blank(Column) : null,
        RuleDefinitions.IsDrift(Signal) ? _method : null, Comparator, Threshold, WindowMinutes, (int)Math.Round(ForMinutes * 60), (int)Math.Round(KeepFiringMinutes * 60), _noDataMinutes,
        _minimumDenominator, Severity, _labels, _groupBy, _runbook, OpensIncident, Notifies, RollsBack, RequestsRetraining, Enabled, Revision);

    /// <summary>What the threshold is measured in, for the signal's helper text.</summary>
    public static string Unit(string signal) => signal switch
    {
        AlertSignals.ErrorRate or AlertSignals.Accuracy or AlertSignals.CorrectionRate or AlertSignals.LowConfidenceShare => "a share: 0.01 is 1 %",
        AlertSignals.DatasetDriftShare => "a share of the features: 0.2 is 20 %",
        AlertSignals.FeatureDrift or AlertSignals.PredictionDrift or AlertSignals.ConfidenceDrift => "the drift method's statistic (KL, PSI, …)",
        AlertSignals.ConfidentRateChange => "percentage points against the 7-day baseline",
        AlertSignals.P99LatencyMs or AlertSignals.P95LatencyMs or AlertSignals.P50LatencyMs => "milliseconds",
        AlertSignals.MeanConfidence => "a confidence from 0 to 1",
        _ => "a count in the window",
    };

    public static string Describe(AlertRuleView rule)
    {
        var op = Comparators.FirstOrDefault(c => c.Name == rule.Comparator).Text ?? rule.Comparator;
        var scope = rule.Column is { } column ? $" ({column})" : "";
        var hold = rule.ForSeconds > 0 ? $" for {IncidentFormat.Duration(rule.ForSeconds)}" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rule.Signal}{scope} {op} {rule.Threshold:G6} over {rule.WindowMinutes} min{hold}");
    }


    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
