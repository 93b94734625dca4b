namespace OpsConsole.Registry;

public class RegistryRulesTests
{
    [Theory]
    [InlineData("fraud-model", true)]
    [InlineData("m2", true)]
    [InlineData("Fraud", false)]
    [InlineData("2fast", false)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData("a-name-that-is-far-too-long-for-a-url-segment-and-keeps-going-on-x", false)]
    public void Model_names_are_url_safe_slugs(string name, bool valid)
    {
        Assert.Equal(valid, RegistryRules.IsValidName(name));
    }

    [Fact]
    public void A_model_with_a_bad_name_and_unknown_task_fails_on_both()
    {
        var errors = RegistryRules.Check(new NewModel("Bad Name", null, "clustering"));

        Assert.Equal(["name", "task"], errors.Keys.Order());
    }

    [Fact]
    public void Contract_errors_name_the_feature_by_its_position()
    {
        var metadata = new VersionMetadata(FeatureSchema:
        [
            new FeatureSpec("amount", FeatureTypes.Number, Min: 10, Max: 1),
            new FeatureSpec("amount", FeatureTypes.Number),
            new FeatureSpec("country", FeatureTypes.Category),
            new FeatureSpec("flag", "bool", Min: 0),
        ]);

        var errors = RegistryRules.Check(metadata);

        Assert.Equal(
            ["metadata.featureSchema[0].max", "metadata.featureSchema[1].name", "metadata.featureSchema[2].categories", "metadata.featureSchema[3].min", "metadata.featureSchema[3].type"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Non_finite_metrics_and_duplicate_labels_are_refused()
    {
        var errors = RegistryRules.Check(new VersionMetadata(Labels: ["a", "a"], Metrics: new Dictionary<string, double> { ["accuracy"] = double.NaN }));

        Assert.Equal(["metadata.labels", "metadata.metrics.accuracy"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_complete_contract_passes()
    {
        var metadata = new VersionMetadata("v2", [new FeatureSpec("amount", FeatureTypes.Number, 0, 10_000), new FeatureSpec("country", FeatureTypes.Category, Categories: ["DE", "FR"])],
            ["legit", "fraud"], "tx-2026-11", "abc123", null, new Dictionary<string, double> { ["accuracy"] = 0.91 });

        Assert.Empty(RegistryRules.Check(metadata));
    }
}
