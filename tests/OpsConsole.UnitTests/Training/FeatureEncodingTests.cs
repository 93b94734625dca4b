namespace OpsConsole.Training;

public class FeatureEncodingTests
{
    [Fact]
    public void Numbers_are_standardized_with_the_population_deviation_and_categories_one_hot_in_sorted_order()
    {
        // amount: mean 4, population std sqrt(((2-4)^2 + (4-4)^2 + (6-4)^2) / 3) = sqrt(8/3)
        var encoding = FeatureEncoding.Learn(["amount", "channel"], [["2", "web"], ["4", "app"], ["6", "web"]]);
        var x = new double[encoding.Width];

        encoding.Encode(["6", "web"], x);

        Assert.Equal(3, encoding.Width);
        Assert.Equal(["app", "web"], encoding.Columns[1].Vocabulary);
        Assert.Equal(2 / Math.Sqrt(8.0 / 3), x[0], 12);
        Assert.Equal([0.0, 1.0], x[1..]);
    }

    [Fact]
    public void An_unseen_category_encodes_as_all_zeros_and_a_constant_column_keeps_scale_one()
    {
        var encoding = FeatureEncoding.Learn(["k", "c"], [["5", "a"], ["5", "b"]]);
        var x = new double[encoding.Width];

        encoding.Encode(["7", "z"], x);

        Assert.Equal([2.0, 0.0, 0.0], x);
    }

    [Fact]
    public void A_non_number_in_a_numeric_column_encodes_as_the_mean_instead_of_failing()
    {
        var encoding = FeatureEncoding.Learn(["amount"], [["1"], ["3"]]);
        var x = new double[1];

        encoding.Encode(["n/a"], x);

        Assert.Equal(0.0, x[0]);
    }

    [Fact]
    public void A_column_with_any_non_number_is_categorical()
    {
        var encoding = FeatureEncoding.Learn(["zip"], [["10115"], ["N/A"]]);

        Assert.False(encoding.Columns[0].IsNumeric);
    }
}
