using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>The logged inputs read into columns give each feature the values a JsonElement per key gave, so drift figures stay the CLI's.</summary>
public class LoggedInputsTests
{
    static readonly FeatureSpec[] Contract =
    [
        new("amount", FeatureTypes.Number), new("count", FeatureTypes.Integer), new("country", FeatureTypes.Category), new("vip", FeatureTypes.Boolean),
        new("né", FeatureTypes.Category),
    ];

    static readonly string[] Rows =
    [
        """{"amount": 12.5, "count": 3, "country": "DE", "vip": true, "né": "x"}""",
        """{"amount": null, "count": "3", "country": 7, "vip": false, "other": {"amount": 1}}""",
        """{"country": "", "amount": -0.0, "nested": [1, 2, {"a": 3}], "count": 1e3}""",
        """{"amount": {"value": 1}, "country": ["DE"], "vip": null, "n\u00e9": "escaped"}""",
        """[1, 2, 3]""",
        """{}""",
        """{"amount": 1.7976931348623157E+308, "count": -4, "country": "\u00fcber", "vip": "yes"}""",
    ];

    [Fact]
    public void Each_feature_gets_what_reading_each_row_as_a_document_gave()
    {
        var inputs = LoggedInputs.Parse(Rows, Contract);

        Assert.Equal(Rows.Length, inputs.Count);
        foreach (var feature in Contract)
        {
            if (LoggedInputs.IsNumeric(feature)) Assert.Equal(Rows.Select(r => AsDocument(r, feature.Name, Number)), inputs.Numbers(feature.Name));
            else Assert.Equal(Rows.Select(r => AsDocument(r, feature.Name, Category)), inputs.Categories(feature.Name));
        }
    }

    [Fact]
    public void A_name_outside_the_contract_has_no_values()
    {
        var inputs = LoggedInputs.Parse(Rows, Contract);

        Assert.Empty(inputs.Numbers("other"));
        Assert.Empty(inputs.Categories("amount"));
    }

    // What DriftQueries did before: the row as a dictionary of elements, a number only when a JSON number, a category only when a string or boolean.
    static T? AsDocument<T>(string json, string name, Func<JsonElement, T?> value)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return default;
        var row = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return row.TryGetValue(name, out var e) ? value(e) : default;
    }

    static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    static string? Category(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
