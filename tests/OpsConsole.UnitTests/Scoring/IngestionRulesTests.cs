namespace OpsConsole.Scoring;

public class IngestionRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    static readonly IngestedPrediction Prediction = new("req-1", Now.AddSeconds(-30), [], "approve", 0.9, 12.5, "eu");

    static IngestRequest Request(params IngestedPrediction[] predictions) => new("fraud", 3, predictions);

    static readonly OutcomeItem Outcome = new(null, "req-1", "approve");

    [Fact]
    public void A_well_formed_batch_passes()
    {
        var regressor = new IngestedPrediction("req-2", Now, [], null, null, 0, null, Value: 41.5);
        var withProbabilities = Prediction with { Probabilities = new() { ["approve"] = 0.9, ["decline"] = 0.1 } };

        Assert.Empty(IngestionRules.Check(Request(Prediction, regressor, withProbabilities), Now));
    }

    [Fact]
    public void Model_version_and_predictions_are_each_required()
    {
        var errors = IngestionRules.Check(new IngestRequest(" ", null, null), Now);

        Assert.Equal(["model", "predictions", "version"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Send at least one prediction."], errors["predictions"]);
    }

    [Fact]
    public void An_empty_list_of_predictions_is_refused()
    {
        Assert.Equal(["predictions"], IngestionRules.Check(Request(), Now).Keys);
    }

    [Fact]
    public void More_predictions_than_the_limit_are_refused_without_checking_each()
    {
        var tooMany = Enumerable.Repeat(Prediction with { Confidence = 7 }, IngestionRules.MaxPredictions + 1).ToList();

        var errors = IngestionRules.Check(new IngestRequest("fraud", 3, tooMany), Now);

        var error = Assert.Single(errors);
        Assert.Equal("predictions", error.Key);
        Assert.Contains("this has 10001", Assert.Single(error.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_limit_of_predictions_is_accepted()
    {
        var atLimit = Enumerable.Repeat(Prediction, IngestionRules.MaxPredictions).ToList();

        Assert.Empty(IngestionRules.Check(new IngestRequest("fraud", 3, atLimit), Now));
    }

    [Fact]
    public void A_null_prediction_is_named_by_its_index_and_its_fields_are_not_checked()
    {
        var errors = IngestionRules.Check(Request(Prediction, null!), Now);

        var error = Assert.Single(errors);
        Assert.Equal("predictions[1]", error.Key);
        Assert.Equal(["A prediction cannot be null."], error.Value);
    }

    [Theory]
    [InlineData("no timestamp", "predictions[1].timestamp")]
    [InlineData("future timestamp", "predictions[1].timestamp")]
    [InlineData("no features", "predictions[1].features")]
    [InlineData("no label or value", "predictions[1].label")]
    [InlineData("long label", "predictions[1].label")]
    [InlineData("negative confidence", "predictions[1].confidence")]
    [InlineData("confidence above one", "predictions[1].confidence")]
    [InlineData("nan confidence", "predictions[1].confidence")]
    [InlineData("negative latency", "predictions[1].latencyMs")]
    [InlineData("infinite latency", "predictions[1].latencyMs")]
    [InlineData("nan value", "predictions[1].value")]
    [InlineData("infinite value", "predictions[1].value")]
    [InlineData("long segment", "predictions[1].segment")]
    [InlineData("long request id", "predictions[1].requestId")]
    [InlineData("probability above one", "predictions[1].probabilities.decline")]
    [InlineData("negative probability", "predictions[1].probabilities.decline")]
    public void Each_broken_field_is_keyed_as_the_json_is(string broken, string key)
    {
        var prediction = broken switch
        {
            "no timestamp" => Prediction with { Timestamp = null },
            "future timestamp" => Prediction with { Timestamp = Now + IngestionRules.MaxClockSkew + TimeSpan.FromSeconds(1) },
            "no features" => Prediction with { Features = null },
            "no label or value" => Prediction with { Label = null, Value = null },
            "long label" => Prediction with { Label = new string('x', 201) },
            "negative confidence" => Prediction with { Confidence = -0.01 },
            "confidence above one" => Prediction with { Confidence = 1.01 },
            "nan confidence" => Prediction with { Confidence = double.NaN },
            "negative latency" => Prediction with { LatencyMs = -1 },
            "infinite latency" => Prediction with { LatencyMs = double.PositiveInfinity },
            "nan value" => Prediction with { Value = double.NaN },
            "infinite value" => Prediction with { Value = double.NegativeInfinity },
            "long segment" => Prediction with { Segment = new string('s', 101) },
            "long request id" => Prediction with { RequestId = new string('r', 201) },
            "probability above one" => Prediction with { Probabilities = new() { ["approve"] = 0.5, ["decline"] = 1.5 } },
            "negative probability" => Prediction with { Probabilities = new() { ["approve"] = 0.5, ["decline"] = -0.5 } },
            _ => throw new ArgumentOutOfRangeException(nameof(broken), broken, "No such case."),
        };

        var errors = IngestionRules.Check(Request(Prediction, prediction), Now);

        // The valid prediction before the broken one shows that the key carries the broken one's index.
        Assert.Equal([key], errors.Keys);
    }

    [Fact]
    public void Values_at_the_edges_of_their_ranges_pass()
    {
        var edges = Prediction with
        {
            Timestamp = Now + IngestionRules.MaxClockSkew,
            Label = new string('x', 200),
            Confidence = 0,
            LatencyMs = 0,
            Segment = new string('s', 100),
            RequestId = new string('r', 200),
            Probabilities = new() { ["a"] = 0, ["b"] = 1 },
        };

        Assert.Empty(IngestionRules.Check(Request(edges, Prediction with { Confidence = 1 }), Now));
    }

    [Fact]
    public void A_future_timestamp_says_to_check_the_clock_and_every_broken_prediction_gets_its_own_key()
    {
        var errors = IngestionRules.Check(Request(Prediction with { Timestamp = Now.AddHours(1) }, Prediction, Prediction with { Confidence = 2, LatencyMs = -1 }), Now);

        Assert.Equal(["predictions[0].timestamp", "predictions[2].confidence", "predictions[2].latencyMs"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The time is in the future; check the sender's clock."], errors["predictions[0].timestamp"]);
    }

    [Fact]
    public void A_well_formed_outcome_names_its_prediction_by_exactly_one_id()
    {
        Assert.Empty(IngestionRules.Check(new OutcomesRequest([Outcome, new OutcomeItem(new string('p', 32), null, "decline")])));
    }

    [Fact]
    public void Missing_empty_and_too_many_outcomes_are_refused()
    {
        var tooMany = IngestionRules.Check(new OutcomesRequest(Enumerable.Repeat(Outcome, IngestionRules.MaxOutcomes + 1).ToList()));

        Assert.Equal(["outcomes"], IngestionRules.Check(new OutcomesRequest(null)).Keys);
        Assert.Equal(["outcomes"], IngestionRules.Check(new OutcomesRequest([])).Keys);
        Assert.Equal(["outcomes"], tooMany.Keys);
        Assert.Contains("this has 10001", tooMany["outcomes"][0], StringComparison.Ordinal);
        Assert.Empty(IngestionRules.Check(new OutcomesRequest(Enumerable.Repeat(Outcome, IngestionRules.MaxOutcomes).ToList())));
    }

    [Theory]
    [InlineData(null, null, "outcomes[1]")]
    [InlineData(" ", "", "outcomes[1]")]
    [InlineData("0123456789abcdef0123456789abcdef", "req-1", "outcomes[1]")]
    public void An_outcome_must_name_exactly_one_of_prediction_id_and_request_id(string? predictionId, string? requestId, string key)
    {
        var errors = IngestionRules.Check(new OutcomesRequest([Outcome, new OutcomeItem(predictionId, requestId, "approve")]));

        Assert.Equal([key], errors.Keys);
        Assert.Equal(["Name the prediction by exactly one of predictionId or requestId."], errors[key]);
    }

    [Fact]
    public void Each_broken_outcome_field_is_keyed_as_the_json_is()
    {
        var errors = IngestionRules.Check(new OutcomesRequest([
            new OutcomeItem(new string('p', 33), null, "a"),
            new OutcomeItem(null, new string('r', 201), "a"),
            Outcome with { Label = " " },
            Outcome with { Label = null },
            Outcome with { Label = new string('l', 201) },
            null!,
        ]));

        Assert.Equal(
            ["outcomes[0].predictionId", "outcomes[1].requestId", "outcomes[2].label", "outcomes[3].label", "outcomes[4].label", "outcomes[5]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Send the true label."], errors["outcomes[3].label"]);
        Assert.Equal(["A label is at most 200 characters."], errors["outcomes[4].label"]);
        Assert.Equal(["An outcome cannot be null."], errors["outcomes[5]"]);
    }
}
