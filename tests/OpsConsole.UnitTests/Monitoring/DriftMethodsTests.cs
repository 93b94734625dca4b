namespace OpsConsole.Monitoring;

public class DriftMethodsTests
{
    // The names users type (--method, per-feature settings) and see in reports.
    static readonly string[] DocumentedNames = ["auto", "psi", "kl", "js", "ks", "wasserstein", "chisquare", "z"];

    [Theory]
    // Numeric, more than 5 distinct values: KS up to 1000 reference rows, Wasserstein above.
    [InlineData(ColumnType.Numeric, 6, 1000, DriftMethods.Ks)]
    [InlineData(ColumnType.Numeric, 6, 1001, DriftMethods.Wasserstein)]
    // Numeric, 3 to 5 distinct values: chi-square, then JS.
    [InlineData(ColumnType.Numeric, 5, 1000, DriftMethods.ChiSquare)]
    [InlineData(ColumnType.Numeric, 3, 1000, DriftMethods.ChiSquare)]
    [InlineData(ColumnType.Numeric, 5, 1001, DriftMethods.Js)]
    [InlineData(ColumnType.Numeric, 3, 1001, DriftMethods.Js)]
    // Numeric, at most 2 distinct values: z, then JS.
    [InlineData(ColumnType.Numeric, 2, 1000, DriftMethods.Z)]
    [InlineData(ColumnType.Numeric, 1, 1000, DriftMethods.Z)]
    [InlineData(ColumnType.Numeric, 2, 1001, DriftMethods.Js)]
    // Categorical, more than 2 distinct values: chi-square, then JS, however many values there are.
    [InlineData(ColumnType.Categorical, 6, 1000, DriftMethods.ChiSquare)]
    [InlineData(ColumnType.Categorical, 3, 1000, DriftMethods.ChiSquare)]
    [InlineData(ColumnType.Categorical, 6, 1001, DriftMethods.Js)]
    [InlineData(ColumnType.Categorical, 3, 1001, DriftMethods.Js)]
    // Categorical, at most 2 distinct values: z, then JS.
    [InlineData(ColumnType.Categorical, 2, 1000, DriftMethods.Z)]
    [InlineData(ColumnType.Categorical, 2, 1001, DriftMethods.Js)]
    public void Auto_follows_evidentlys_table_at_each_of_its_boundaries(ColumnType type, int distinct, int referenceRows, string expected)
    {
        Assert.Equal(expected, DriftMethods.Choose(type, distinct, referenceRows));
    }

    [Fact]
    public void Auto_agrees_with_every_row_of_the_table_in_the_references()
    {
        var rows = DriftReferences.AutoTable.ToList();

        var wrong = rows.Where(r => DriftMethods.Choose(r.Type, r.Distinct, r.ReferenceRows) != r.Method).ToList();

        Assert.Equal(56, rows.Count);
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(DriftMethods.Ks)]
    [InlineData(DriftMethods.ChiSquare)]
    [InlineData(DriftMethods.Z)]
    public void Tests_give_a_p_value_and_default_to_a_threshold_of_0_05(string method)
    {
        Assert.True(DriftMethods.IsTest(method));
        Assert.Equal(0.05, DriftMethods.DefaultThreshold(method));
    }

    [Theory]
    [InlineData(DriftMethods.Psi)]
    [InlineData(DriftMethods.Kl)]
    [InlineData(DriftMethods.Js)]
    [InlineData(DriftMethods.Wasserstein)]
    public void Distances_default_to_a_threshold_of_0_1(string method)
    {
        Assert.False(DriftMethods.IsTest(method));
        Assert.Equal(0.1, DriftMethods.DefaultThreshold(method));
    }

    [Theory]
    [InlineData(DriftMethods.Ks, true)]
    [InlineData(DriftMethods.Wasserstein, true)]
    [InlineData(DriftMethods.Psi, false)]
    [InlineData(DriftMethods.Kl, false)]
    [InlineData(DriftMethods.Js, false)]
    [InlineData(DriftMethods.ChiSquare, false)]
    [InlineData(DriftMethods.Z, false)]
    public void Only_ks_and_wasserstein_need_numbers(string method, bool needsNumbers)
    {
        Assert.Equal(needsNumbers, DriftMethods.NeedsNumbers(method));
    }

    [Fact]
    public void The_methods_are_auto_and_the_seven_of_the_statistics_contract_under_their_documented_names()
    {
        Assert.Equal(DocumentedNames, DriftMethods.All);
    }
}
