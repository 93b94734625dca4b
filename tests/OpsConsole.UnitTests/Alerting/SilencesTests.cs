namespace OpsConsole.Alerting;

public class SilencesTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly Dictionary<string, string> FraudLatency = new() { ["model"] = "card-fraud", ["rule"] = "p99-latency", ["severity"] = "sev3" };

    [Fact]
    public void Matchers_compare_like_alertmanagers_with_regexes_anchored_and_missing_labels_empty()
    {
        Assert.True(new LabelMatcher("model", MatchOperator.Equal, "card-fraud").Matches(FraudLatency));
        Assert.True(new LabelMatcher("model", MatchOperator.Regex, "card-.*").Matches(FraudLatency));
        Assert.False(new LabelMatcher("model", MatchOperator.Regex, "card").Matches(FraudLatency));   // anchored: not a substring match
        Assert.True(new LabelMatcher("rule", MatchOperator.NotRegex, "drift-.*").Matches(FraudLatency));
        Assert.True(new LabelMatcher("segment", MatchOperator.Equal, "").Matches(FraudLatency));
        Assert.True(new LabelMatcher("segment", MatchOperator.NotEqual, "eu").Matches(FraudLatency));
        Assert.NotNull(new LabelMatcher("model", MatchOperator.Regex, "(unclosed").Problem());
        Assert.Null(new LabelMatcher("model", MatchOperator.Regex, "a|b").Problem());
    }

    [Fact]
    public void A_silence_is_pending_before_its_window_active_inside_it_and_expired_after_and_mutes_only_while_active()
    {
        var silence = new Silence([new LabelMatcher("model", MatchOperator.Equal, "card-fraud")], Now, Now.AddHours(2), "lead@example.com", "planned retraining");

        Assert.Equal(SilenceState.Pending, silence.StateAt(Now.AddSeconds(-1)));
        Assert.Equal(SilenceState.Active, silence.StateAt(Now));
        Assert.Equal(SilenceState.Expired, silence.StateAt(Now.AddHours(2)));
        Assert.True(silence.Mutes(FraudLatency, Now.AddHours(1)));
        Assert.False(silence.Mutes(FraudLatency, Now.AddHours(3)));
        Assert.False(silence.Mutes(new Dictionary<string, string> { ["model"] = "other" }, Now.AddHours(1)));
        Assert.False(new Silence([], Now, Now.AddHours(1), "x", "empty").Mutes(FraudLatency, Now));
    }

    [Fact]
    public void An_open_sev1_on_a_model_inhibits_its_lower_severities_and_nothing_on_other_models()
    {
        (string, Severity)[] open = [("card-fraud", Severity.Sev1), ("churn", Severity.Sev2)];

        Assert.True(Inhibition.Inhibited("card-fraud", Severity.Sev3, open));
        Assert.False(Inhibition.Inhibited("card-fraud", Severity.Sev1, open));   // a second SEV1 still gets through
        Assert.False(Inhibition.Inhibited("churn", Severity.Sev4, open));         // only SEV1 inhibits
        Assert.False(Inhibition.Inhibited("other", Severity.Sev4, open));
        Assert.True(Severities.Pages(Severity.Sev2));
        Assert.False(Severities.Pages(Severity.Sev3));
    }
}
