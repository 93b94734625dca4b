namespace OpsConsole.Alerting;

public class RuleTemplatesTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // Feeds a template one figure per 15-second evaluation and returns the last transition that was not None.
    static AlertTransition Drive(RuleTemplate template, int evaluations, double value, long? denominator)
    {
        var state = AlertState.Inactive;
        var last = AlertTransition.None;
        for (var i = 0; i < evaluations; i++)
        {
            var holds = AlertCondition.Holds(template.Comparator, template.Threshold, value, AlertSignals.IsProportion(template.Signal) ? denominator : null);
            (state, var transition) = AlertStateMachine.Evaluate(state, template.Timing, T0.AddSeconds(15 * i), holds);
            if (transition != AlertTransition.None) last = transition;
        }
        return last;
    }

    [Fact]
    public void The_error_rate_template_fires_after_a_minute_of_two_percent_errors_but_not_over_a_quiet_window_or_at_half_a_percent()
    {
        var errorRate = RuleTemplates.Find("error-rate")!;

        Assert.Equal(AlertTransition.Fired, Drive(errorRate, 5, 0.02, denominator: 500));        // 0 s … 60 s: fires at the fifth evaluation
        Assert.Equal(AlertTransition.BecamePending, Drive(errorRate, 4, 0.02, denominator: 500)); // 45 s is not yet a minute
        Assert.Equal(AlertTransition.None, Drive(errorRate, 8, 0.5, denominator: 4));             // two errors in four requests cannot page
        Assert.Equal(AlertTransition.None, Drive(errorRate, 8, 0.005, denominator: 10_000));
        Assert.True(Severities.Pages(errorRate.Severity));
    }

    [Fact]
    public void Any_schema_violation_fires_at_once_and_a_confident_rate_ten_points_down_counts_as_a_drop()
    {
        Assert.Equal(AlertTransition.Fired, Drive(RuleTemplates.Find("schema-violation")!, 1, 1, null));
        Assert.Equal(AlertTransition.None, Drive(RuleTemplates.Find("schema-violation")!, 3, 0, null));
        var drop = RuleTemplates.Find("confident-rate-drop")!;
        Assert.True(AlertCondition.Holds(drop.Comparator, drop.Threshold, -10));
        Assert.False(AlertCondition.Holds(drop.Comparator, drop.Threshold, -9.9));
        // A drop measured over a quiet morning of 40 predictions cannot page either.
        Assert.Equal(AlertTransition.None, Drive(drop, 100, -30, denominator: 40));
        Assert.Equal(AlertTransition.Fired, Drive(drop, 61, -30, denominator: 4000));   // 15 minutes at the 61st evaluation
    }

    [Fact]
    public void Templates_have_unique_ids_and_each_links_a_runbook()
    {
        Assert.Equal(RuleTemplates.All.Count, RuleTemplates.All.Select(t => t.Id).Distinct().Count());
        Assert.All(RuleTemplates.All, t => Assert.False(string.IsNullOrWhiteSpace(t.Runbook)));
        Assert.Null(RuleTemplates.Find("no-such-template"));
    }

    [Fact]
    public void Alerts_of_one_rule_and_scope_share_a_group_whatever_the_label_order_and_a_rule_can_group_by_its_own_labels()
    {
        var a = new Dictionary<string, string> { ["model"] = "card-fraud", ["version"] = "1", ["feature"] = "amount" };
        var b = new Dictionary<string, string> { ["feature"] = "country", ["version"] = "1", ["model"] = "card-fraud" };

        Assert.Equal(AlertGrouping.Key("feature-kl", a), AlertGrouping.Key("feature-kl", b));
        Assert.NotEqual(AlertGrouping.Key("feature-kl", a), AlertGrouping.Key("dataset-drift", a));
        Assert.NotEqual(AlertGrouping.Key("feature-kl", a, ["model", "feature"]), AlertGrouping.Key("feature-kl", b, ["model", "feature"]));
    }
}
