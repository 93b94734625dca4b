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

    [Fact]
    public void Violations_name_the_record_the_feature_and_the_kind_of_each_break_in_record_then_contract_order()
    {
        var violations = RecordRules.Violations(Contract, Records("""
            [ { "amount": 12.5, "items": 2, "channel": "web", "is_new": false },
              { "amount": -1, "items": 2.5, "channel": "kiosk", "is_new": "yes", "colour": "red" },
              { "amount": 1e400, "items": 1, "channel": "app", "is_new": true },
              { "items": 1, "channel": "app", "coupon": null },
              { "amount": 20000, "items": "3", "channel": "web", "is_new": true, "coupon": "autumn" } ]
            """));

        // The kinds are spelled out: they are the label values of the violation metric.
        Assert.Equal(
            [
                (1, "colour", "unknown_feature"), (1, "amount", "out_of_range"), (1, "items", "wrong_type"),
                (1, "channel", "unknown_category"), (1, "is_new", "wrong_type"),
                (2, "amount", "not_finite"),
                (3, "amount", "missing"), (3, "is_new", "missing"),
                (4, "amount", "out_of_range"), (4, "items", "wrong_type"), (4, "coupon", "unknown_category"),
            ],
            violations.Select(v => (v.Record, v.Feature, v.Kind)));
        Assert.Equal("records[1].colour", violations[0].Key);
        Assert.Equal("Above the contract's maximum 10000.", violations[8].Message);
    }

    [Fact]
    public void A_missing_empty_or_oversized_batch_is_one_batch_size_violation_keyed_records()
    {
        List<IReadOnlyDictionary<string, JsonElement>>?[] batches =
            [null, [], Enumerable.Repeat(Records("""[{ "amount": 1 }]""")[0], RecordRules.MaxRecords + 1).ToList()];

        foreach (var records in batches)
        {
            var violation = Assert.Single(RecordRules.Violations(Contract, records));
            Assert.Equal((-1, "", "batch_size", "records"), (violation.Record, violation.Feature, violation.Kind, violation.Key));
        }
    }

    [Fact]
    public void A_feature_of_a_type_the_contract_does_not_know_is_a_wrong_type_violation()
    {
        var violation = Assert.Single(RecordRules.Violations([new FeatureSpec("signed_up", "date")], Records("""[{ "signed_up": "2026-12-01" }]""")));

        Assert.Equal((0, "signed_up", ViolationKinds.WrongType), (violation.Record, violation.Feature, violation.Kind));
        Assert.Equal("The contract gives this feature the unknown type 'date'.", violation.Message);
    }

    [Fact]
    public void Violations_with_the_same_key_become_one_error_with_every_message()
    {
        var errors = RecordRules.ToErrors([new(0, "amount", ViolationKinds.WrongType, "first"), new(0, "amount", ViolationKinds.OutOfRange, "second"), new(-1, "", ViolationKinds.Batch, "third")]);

        Assert.Equal(["first", "second"], errors["records[0].amount"]);
        Assert.Equal(["third"], errors["records"]);
        Assert.Equal(2, errors.Count);
    }
}
