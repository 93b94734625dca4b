namespace OpsConsole.Registry;

public class ContractDiffTests
{
    static readonly FeatureSpec Amount = new("amount", FeatureTypes.Number, 0, 100);
    static readonly FeatureSpec Country = new("country", FeatureTypes.Category, Categories: ["DE", "FR"]);
    static readonly FeatureSpec Age = new("age", FeatureTypes.Integer);

    [Fact]
    public void Identical_contracts_have_no_changes()
    {
        Assert.Empty(ContractDiff.Compare([Amount, Country], [Country with { Categories = ["FR", "DE"] }, Amount]));
    }

    [Fact]
    public void Removed_and_retyped_features_are_breaking_added_and_widened_ones_are_not()
    {
        var changes = ContractDiff.Compare([Amount, Country, Age], [Amount with { Max = 1000 }, Country with { Type = FeatureTypes.Number, Categories = null }, new FeatureSpec("channel", FeatureTypes.Boolean)]);

        Assert.Equal(
            [("amount", ContractChangeKind.RangeChanged, false), ("country", ContractChangeKind.Retyped, true), ("channel", ContractChangeKind.Added, false), ("age", ContractChangeKind.Removed, true)],
            changes.Select(c => (c.Feature, c.Kind, c.IsBreaking)));
        Assert.Equal(("[0, 100]", "[0, 1000]"), (changes[0].Before, changes[0].After));
    }

    [Fact]
    public void New_categories_and_nullability_are_reported_as_their_own_changes()
    {
        var changes = ContractDiff.Compare([Country], [Country with { Categories = ["DE", "FR", "IT"], Nullable = true }]);

        Assert.Equal([ContractChangeKind.CategoriesChanged, ContractChangeKind.NullabilityChanged], changes.Select(c => c.Kind));
        Assert.Equal("DE, FR, IT", changes[0].After);
    }
}
