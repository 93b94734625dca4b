namespace OpsConsole.Alerting;

public class RuleDefinitionsTests
{
    [Fact]
    public void A_template_fills_every_field_the_request_leaves_out()
    {
        var (rule, errors) = RuleDefinitions.Resolve(new RuleInput(Template: "error-rate", Model: "card-fraud"));

        Assert.Empty(errors);
        Assert.Equal(("Error rate above 1 % for 1 minute", AlertSignals.ErrorRate, Comparator.Above, 0.01), (rule!.Name, rule.Signal, rule.Comparator, rule.Threshold));
        Assert.Equal((5, 60, 300, 100L), (rule.WindowMinutes, rule.ForSeconds, rule.KeepFiringForSeconds, rule.MinimumDenominator));
        Assert.Equal((Severity.Sev2, "error-burst", true, true, false), (rule.Severity, rule.Runbook, rule.OpensIncident, rule.Notifies, rule.RollsBack));
        Assert.Equal("error-rate", rule.TemplateId);
    }

    [Fact]
    public void The_request_overrides_the_template_and_the_KL_template_judges_with_kl()
    {
        var (rule, errors) = RuleDefinitions.Resolve(new RuleInput(Template: "feature-kl", Model: "m", Threshold: 0.5, Severity: "sev1", WindowMinutes: 30, Column: "amount"));

        Assert.Empty(errors);
        Assert.Equal((0.5, Severity.Sev1, 30, "kl", "amount", true), (rule!.Threshold, rule.Severity, rule.WindowMinutes, rule.Method, rule.Column, rule.OpensIncident));
        Assert.Equal("featureDrift > 0.5", rule.Name);   // the template's title says 0.3, so it no longer names the rule
    }

    [Theory]
    [InlineData(AlertSignals.FeatureDrift, 60)]
    [InlineData(AlertSignals.ConfidenceDrift, 60)]
    [InlineData(AlertSignals.Accuracy, 1440)]
    [InlineData(AlertSignals.LowConfidenceShare, 15)]
    [InlineData(AlertSignals.P95LatencyMs, 5)]
    [InlineData(AlertSignals.Predictions, 5)]
    public void A_rule_without_a_window_gets_its_signals_default(string signal, int minutes)
    {
        var (rule, _) = RuleDefinitions.Resolve(new RuleInput(Signal: signal, Model: "m", Name: "r", Comparator: ">", Threshold: 1, Severity: "SEV4"));

        Assert.Equal(minutes, rule!.WindowMinutes);
        Assert.False(rule.OpensIncident);   // SEV4 opens none unless asked
    }

    [Fact]
    public void Every_bad_field_is_named()
    {
        var (rule, errors) = RuleDefinitions.Resolve(new RuleInput(Template: "nope", Signal: "vibes", Comparator: "≈", Threshold: double.NaN, Severity: "SEV5",
            WindowMinutes: 0, ForSeconds: -1, KeepFiringForSeconds: 100_000, NoDataMinutes: 0, MinimumDenominator: 0, Version: 0, Method: "psi",
            Labels: new() { ["9lives"] = "x" }, GroupBy: ["model", "bad-label"]));

        Assert.Null(rule);
        Assert.Equal(["comparator", "forSeconds", "groupBy", "keepFiringForSeconds", "labels.9lives", "method", "minimumDenominator", "model", "name",
            "noDataMinutes", "severity", "signal", "template", "threshold", "version", "windowMinutes"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_method_belongs_to_drift_rules_a_column_to_feature_drift_and_a_rollback_to_a_rule_that_opens_an_incident()
    {
        var (_, method) = RuleDefinitions.Resolve(new RuleInput(Template: "error-rate", Model: "m", Method: "ks"));
        var (_, column) = RuleDefinitions.Resolve(new RuleInput(Template: "dataset-drift", Model: "m", Column: "amount"));
        var (_, rollback) = RuleDefinitions.Resolve(new RuleInput(Template: "p99-latency", Model: "m", RollsBack: true, OpensIncident: false));
        var (quiet, _) = RuleDefinitions.Resolve(new RuleInput(Template: "p99-latency", Model: "m", RollsBack: true));

        Assert.Equal(["method"], method.Keys);
        Assert.Equal(["column"], column.Keys);
        Assert.Equal(["rollsBack"], rollback.Keys);
        Assert.True(quiet!.OpensIncident);   // a SEV3 rule that rolls back records it in an incident
    }

    [Theory]
    [InlineData(">", Comparator.Above)]
    [InlineData(">=", Comparator.AtLeast)]
    [InlineData("below", Comparator.Below)]
    [InlineData("atMost", Comparator.AtMost)]
    public void Comparators_read_as_symbols_or_words_and_round_trip(string text, Comparator comparator)
    {
        Assert.Equal(comparator, RuleDefinitions.ParseComparator(text));
        Assert.Equal(comparator, RuleDefinitions.ParseComparator(RuleDefinitions.ComparatorName(comparator)));
    }
}
