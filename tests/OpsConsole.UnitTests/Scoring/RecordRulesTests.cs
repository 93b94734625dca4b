using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

public class RecordRulesTests
{
    static readonly FeatureSpec[] Contract =
    [
        new("amount", FeatureTypes.Number, Min: 0, Max: 10_000),
        new("items", FeatureTypes.Integer),
        new("channel", FeatureTypes.Category, Categories: ["app", "web"]),
        new("is_new", FeatureTypes.Boolean),
        new("coupon", FeatureTypes.Category, Categories: ["none", "spring"], Nullable: true),
    ];

    static List<IReadOnlyDictionary<string, JsonElement>> Records(string json) =>
        JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(json)!.Select(d => (IReadOnlyDictionary<string, JsonElement>)d).ToList();

    [Fact]
    public void A_record_that_keeps_the_contract_passes_and_a_nullable_feature_may_be_left_out()
    {
        Assert.Empty(RecordRules.Check(Contract, Records("""[{ "amount": 12.5, "items": 2, "channel": "web", "is_new": false }]""")));
    }

    [Fact]
    public void Every_kind_of_violation_is_reported_per_record_and_feature()
    {
        var errors = RecordRules.Check(Contract, Records("""
            [ { "amount": 12.5, "items": 2, "channel": "web", "is_new": false },
              { "amount": -1, "items": 2.5, "channel": "kiosk", "is_new": "yes", "colour": "red" },
              { "items": 1, "channel": 3, "is_new": true, "amount": "12" } ]
            """));

        Assert.Equal(
            ["records[1].amount", "records[1].channel", "records[1].colour", "records[1].is_new", "records[1].items", "records[2].amount", "records[2].channel"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Below the contract's minimum 0.", errors["records[1].amount"][0]);
        Assert.Equal("Expected a whole number, got 2.5.", errors["records[1].items"][0]);
        Assert.StartsWith("Unknown category 'kiosk'", errors["records[1].channel"][0], StringComparison.Ordinal);
        Assert.Equal("The model's contract has no such feature.", errors["records[1].colour"][0]);
        Assert.Equal("Expected a finite number, got the text \"12\".", errors["records[2].amount"][0]);
    }

    [Fact]
    public void A_missing_required_feature_and_too_many_records_are_refused()
    {
        var missing = RecordRules.Check(Contract, Records("""[{ "amount": 1, "items": 1, "channel": "app" }]"""));
        var tooMany = RecordRules.Check(Contract, Enumerable.Repeat(Records("""[{ "amount": 1 }]""")[0], RecordRules.MaxRecords + 1).ToList());

        Assert.Equal(["Missing; the contract requires it."], missing["records[0].is_new"]);
        Assert.Equal(["records"], tooMany.Keys);
    }
}
