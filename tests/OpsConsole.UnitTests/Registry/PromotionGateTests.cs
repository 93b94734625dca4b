namespace OpsConsole.Registry;

public class PromotionGateTests
{
    static readonly Dictionary<string, double> Metrics = new() { ["accuracy"] = 0.87, ["latency_ms"] = 12 };

    [Fact]
    public void Each_metric_threshold_is_one_check_with_its_value_and_a_reason_when_it_fails()
    {
        var policy = new GatePolicy([new MetricThreshold("accuracy", ">=", 0.9), new MetricThreshold("latency_ms", "<=", 20)], RequireCompatibleContract: false);

        var report = PromotionGate.Evaluate(policy, Metrics, null, null);

        Assert.False(report.Passed);
        Assert.Equal([("accuracy", ">= 0.9", "0.87", false), ("latency_ms", "<= 20", "12", true)], report.Checks.Select(c => (c.Name, c.Threshold, c.Value, c.Passed)));
        Assert.Equal("accuracy is 0.87, which does not meet >= 0.9.", report.Checks[0].Reason);
        Assert.Null(report.Checks[1].Reason);
    }

    [Fact]
    public void A_missing_metric_fails_its_check_rather_than_passing_silently()
    {
        var report = PromotionGate.Evaluate(new GatePolicy([new MetricThreshold("f1", ">=", 0.5)], false), Metrics, null, null);

        Assert.Equal(("missing", false), (report.Checks[0].Value, report.Checks[0].Passed));
    }

    [Fact]
    public void A_breaking_contract_change_fails_the_gate_and_names_the_feature()
    {
        var changes = ContractDiff.Compare([new FeatureSpec("amount", FeatureTypes.Number), new FeatureSpec("age", FeatureTypes.Integer)], [new FeatureSpec("amount", FeatureTypes.Category, Categories: ["x"])]);

        var report = PromotionGate.Evaluate(GatePolicy.Default, Metrics, changes, null);

        var check = Assert.Single(report.Checks);
        Assert.False(check.Passed);
        Assert.Contains("'amount' retyped number -> category", check.Reason, StringComparison.Ordinal);
        Assert.Contains("'age' removed", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_production_version_passes_the_contract_check_because_nothing_serves_yet()
    {
        Assert.True(PromotionGate.Evaluate(GatePolicy.Default, Metrics, null, null).Passed);
    }

    [Fact]
    public void Shadow_requirements_fail_without_shadow_results_and_check_each_figure_with_them()
    {
        var policy = new GatePolicy([], false, new ShadowRequirement(500, 0.95, 1.2));

        var none = PromotionGate.Evaluate(policy, Metrics, null, null);
        var some = PromotionGate.Evaluate(policy, Metrics, null, new ShadowResult(800, 0.93, 1.1));

        Assert.False(Assert.Single(none.Checks).Passed);
        Assert.Equal([true, false, true], some.Checks.Select(c => c.Passed));
    }
}
