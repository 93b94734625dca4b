namespace OpsConsole.Scoring;

public class ServingPolicyTests
{
    [Fact]
    public void The_default_policy_uses_the_console_timeout_answers_503_and_rejects_invalid_records()
    {
        Assert.Equal(new ServingPolicy(null, null, InvalidRecordPolicy.Reject), ServingPolicy.Default);
        Assert.Empty(ServingPolicy.Check(ServingPolicy.Default));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(ServingPolicy.MaxTimeoutMs)]
    public void A_timeout_from_one_ms_to_the_maximum_passes(int timeoutMs)
    {
        Assert.Empty(ServingPolicy.Check(new ServingPolicy(timeoutMs, "approve", InvalidRecordPolicy.Impute)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ServingPolicy.MaxTimeoutMs + 1)]
    public void A_timeout_outside_one_ms_to_the_maximum_is_refused(int timeoutMs)
    {
        var errors = ServingPolicy.Check(new ServingPolicy(timeoutMs));

        Assert.Equal(["timeoutMs"], errors.Keys);
        Assert.Equal(["Give a timeout from 1 to 60000 ms, or leave it out for the default."], errors["timeoutMs"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void A_blank_fallback_label_is_refused(string label)
    {
        var errors = ServingPolicy.Check(new ServingPolicy(FallbackLabel: label));

        Assert.Equal(["fallbackLabel"], errors.Keys);
    }

    [Fact]
    public void A_fallback_label_over_200_characters_is_refused()
    {
        var errors = ServingPolicy.Check(new ServingPolicy(FallbackLabel: new string('x', 201)));

        Assert.Equal(["A fallback label is 1 to 200 characters; leave it out to answer 503 when no version can serve."], errors["fallbackLabel"]);
        Assert.Single(errors);
    }

    [Fact]
    public void A_fallback_label_of_up_to_200_characters_passes()
    {
        Assert.Empty(ServingPolicy.Check(new ServingPolicy(FallbackLabel: new string('x', 200))));
        Assert.Empty(ServingPolicy.Check(new ServingPolicy(FallbackLabel: "x")));
    }

    [Fact]
    public void An_invalid_records_value_that_is_not_a_policy_is_refused()
    {
        var errors = ServingPolicy.Check(new ServingPolicy(InvalidRecords: (InvalidRecordPolicy)7));

        Assert.Equal(["Choose reject or impute."], errors["invalidRecords"]);
        Assert.Single(errors);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = ServingPolicy.Check(new ServingPolicy(0, "", (InvalidRecordPolicy)(-1)));

        Assert.Equal(["fallbackLabel", "invalidRecords", "timeoutMs"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
