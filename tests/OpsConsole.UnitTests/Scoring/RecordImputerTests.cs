using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

public class RecordImputerTests
{
    static readonly FeatureSpec[] Contract =
    [
        new("amount", FeatureTypes.Number, Min: 0, Max: 100),
        new("items", FeatureTypes.Integer, Min: 1),
        new("score", FeatureTypes.Number, Max: 10),
        new("weight", FeatureTypes.Number),
        new("channel", FeatureTypes.Category, Categories: ["app", "web"]),
        new("is_new", FeatureTypes.Boolean),
        new("coupon", FeatureTypes.Category, Categories: ["none", "spring"], Nullable: true),
    ];

    const string Valid = """{ "amount": 12.5, "items": 2, "score": -3, "weight": 7.25, "channel": "web", "is_new": true }""";

    static Dictionary<string, JsonElement> Record(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    static (Dictionary<string, JsonElement> Record, IReadOnlyList<string> Imputed) Impute(string json) => RecordImputer.Impute(Contract, Record(json));

    /// <summary>A valid record with some features replaced or added.</summary>
    static string With(string replacements) => Valid.Replace(" }", ", " + replacements + " }", StringComparison.Ordinal);

    static void AssertKeepsTheContract(Dictionary<string, JsonElement> repaired) => Assert.Empty(RecordRules.Check(Contract, [repaired]));

    [Fact]
    public void A_record_that_keeps_the_contract_is_passed_through_unchanged_and_nothing_is_flagged()
    {
        var (record, imputed) = Impute(Valid);

        Assert.Empty(imputed);
        Assert.Equal(
            [("amount", "12.5"), ("channel", "\"web\""), ("is_new", "true"), ("items", "2"), ("score", "-3"), ("weight", "7.25")],
            record.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value.GetRawText())));
    }

    [Fact]
    public void Missing_features_are_filled_from_the_contract_and_named_in_contract_order()
    {
        var (record, imputed) = Impute("{}");

        Assert.Equal(["amount", "items", "score", "weight", "channel", "is_new"], imputed);
        Assert.Equal(50, record["amount"].GetDouble());     // middle of [0, 100]
        Assert.Equal(1, record["items"].GetDouble());       // its only bound, the minimum
        Assert.Equal(10, record["score"].GetDouble());      // its only bound, the maximum
        Assert.Equal(0, record["weight"].GetDouble());      // no bound
        Assert.Equal("app", record["channel"].GetString()); // the first category
        Assert.Equal(JsonValueKind.False, record["is_new"].ValueKind);
        Assert.False(record.ContainsKey("coupon"));
        AssertKeepsTheContract(record);
    }

    [Fact]
    public void A_json_null_for_a_required_feature_is_imputed_like_a_missing_one()
    {
        var (record, imputed) = Impute("""{ "amount": null, "items": 2, "score": 1, "weight": 1, "channel": "app", "is_new": null }""");

        Assert.Equal(["amount", "is_new"], imputed);
        Assert.Equal(50, record["amount"].GetDouble());
        Assert.Equal(JsonValueKind.False, record["is_new"].ValueKind);
    }

    [Theory]
    [InlineData("""{ "amount": 150, "items": 2, "score": 1, "weight": 1, "channel": "app", "is_new": true }""", "amount", 100)]
    [InlineData("""{ "amount": -5, "items": 2, "score": 1, "weight": 1, "channel": "app", "is_new": true }""", "amount", 0)]
    [InlineData("""{ "amount": 5, "items": 0, "score": 1, "weight": 1, "channel": "app", "is_new": true }""", "items", 1)]
    [InlineData("""{ "amount": 5, "items": 2, "score": 12, "weight": 1, "channel": "app", "is_new": true }""", "score", 10)]
    public void A_number_out_of_range_is_clamped_to_the_nearest_bound(string json, string feature, double expected)
    {
        var (record, imputed) = Impute(json);

        Assert.Equal([feature], imputed);
        Assert.Equal(expected, record[feature].GetDouble());
        AssertKeepsTheContract(record);
    }

    [Theory]
    [InlineData("\"12\"")]   // text, not a number
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("1e400")]    // overflows to infinity: not finite
    public void An_unreadable_number_becomes_the_middle_of_its_range(string amount)
    {
        var (record, imputed) = Impute(Valid.Replace("12.5", amount, StringComparison.Ordinal));

        Assert.Equal(["amount"], imputed);
        Assert.Equal(50, record["amount"].GetDouble());
    }

    [Theory]
    [InlineData("2.5", 3)]   // midpoints round away from zero
    [InlineData("2.4", 2)]
    [InlineData("0.4", 1)]   // clamped to the minimum first
    public void A_fractional_integer_is_rounded_to_a_whole_number_within_range(string items, double expected)
    {
        var (record, imputed) = Impute(Valid.Replace("\"items\": 2", "\"items\": " + items, StringComparison.Ordinal));

        Assert.Equal(["items"], imputed);
        Assert.Equal(expected, record["items"].GetDouble());
        AssertKeepsTheContract(record);
    }

    [Fact]
    public void The_middle_of_an_integer_range_rounds_away_from_zero_on_both_sides()
    {
        FeatureSpec[] contract = [new("floors", FeatureTypes.Integer, Min: 0, Max: 5), new("basement", FeatureTypes.Integer, Min: -5, Max: 0)];

        var (record, _) = RecordImputer.Impute(contract, Record("{}"));

        Assert.Equal(3, record["floors"].GetDouble());
        Assert.Equal(-3, record["basement"].GetDouble());
    }

    [Theory]
    [InlineData("\"kiosk\"")]
    [InlineData("3")]
    [InlineData("false")]
    public void An_unknown_or_mistyped_category_becomes_the_first_category(string channel)
    {
        var (record, imputed) = Impute(Valid.Replace("\"web\"", channel, StringComparison.Ordinal));

        Assert.Equal(["channel"], imputed);
        Assert.Equal("app", record["channel"].GetString());
    }

    [Fact]
    public void A_category_without_a_category_list_accepts_any_text_and_is_filled_with_empty_text()
    {
        FeatureSpec[] contract = [new("tag", FeatureTypes.Category), new("label", FeatureTypes.Category, Categories: [])];

        var (given, givenImputed) = RecordImputer.Impute(contract, Record("""{ "tag": "anything", "label": "else" }"""));
        var (missing, missingImputed) = RecordImputer.Impute(contract, Record("{}"));

        Assert.Empty(givenImputed);
        Assert.Equal("anything", given["tag"].GetString());
        Assert.Equal(["tag", "label"], missingImputed);
        Assert.Equal("", missing["tag"].GetString());
        Assert.Equal("", missing["label"].GetString());
    }

    [Fact]
    public void A_boolean_that_is_not_true_or_false_becomes_false()
    {
        var (record, imputed) = Impute(Valid.Replace("\"is_new\": true", "\"is_new\": \"yes\"", StringComparison.Ordinal));

        Assert.Equal(["is_new"], imputed);
        Assert.Equal(JsonValueKind.False, record["is_new"].ValueKind);
    }

    [Fact]
    public void Unknown_features_are_dropped_and_named_first_in_ordinal_order()
    {
        var (record, imputed) = Impute(With("\"zeta\": 1, \"Alpha\": 2").Replace("12.5", "500", StringComparison.Ordinal));

        Assert.Equal(["Alpha", "zeta", "amount"], imputed);
        Assert.False(record.ContainsKey("zeta"));
        Assert.False(record.ContainsKey("Alpha"));
        AssertKeepsTheContract(record);
    }

    [Fact]
    public void A_nullable_feature_left_out_or_null_stays_out_but_an_invalid_one_is_repaired()
    {
        var (absent, absentImputed) = Impute(Valid);
        var (nulled, nulledImputed) = Impute(With("\"coupon\": null"));
        var (kept, keptImputed) = Impute(With("\"coupon\": \"spring\""));
        var (bad, badImputed) = Impute(With("\"coupon\": \"bogus\""));

        Assert.Empty(absentImputed);
        Assert.False(absent.ContainsKey("coupon"));
        Assert.Empty(nulledImputed);
        Assert.False(nulled.ContainsKey("coupon"));
        Assert.Empty(keptImputed);
        Assert.Equal("spring", kept["coupon"].GetString());
        Assert.Equal(["coupon"], badImputed);
        Assert.Equal("none", bad["coupon"].GetString());
    }
}
