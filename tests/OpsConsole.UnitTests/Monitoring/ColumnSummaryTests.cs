namespace OpsConsole.Monitoring;

public class ColumnSummaryTests
{
    [Fact]
    public void A_numeric_side_gives_numpys_figures_and_counts_missing_values_apart()
    {
        // numpy: mean 3.0, std (ddof=0) 1.4142135623730951, percentile 5/25/50/75/95 = 1.2, 2, 3, 4, 4.8.
        var side = ColumnValues.Numeric([5.0, 1.0, null, 3.0, 2.0, double.NaN, 4.0]);

        var summary = ColumnSummary.Of(side, ColumnType.Numeric);

        Assert.Equal((5L, 2.0 / 7), (summary.Count, summary.MissingShare));
        Assert.Equal(3.0, summary.Mean!.Value, 12);
        Assert.Equal(Math.Sqrt(2), summary.Std!.Value, 12);
        Assert.Equal((1.0, 5.0), (summary.Min, summary.Max));
        Assert.Equal([1.2, 2, 3, 4, 4.8], summary.Quantiles!.Values.Select(v => Math.Round(v, 12)));
        Assert.Null(summary.TopCategories);
    }

    [Fact]
    public void A_categorical_side_lists_its_most_frequent_values_and_new_categories_are_found()
    {
        var reference = ColumnValues.Categorical(["de", "de", "fr", null, "it"]);
        var current = ColumnValues.Categorical(["de", "xx", "xx", "fr", "", "yy"]);

        var summary = ColumnSummary.Of(current, ColumnType.Categorical);
        var fresh = ColumnSummary.NewCategories(reference, current);

        Assert.Equal((5L, 1.0 / 6, 4), (summary.Count, summary.MissingShare, summary.DistinctCategories!.Value));
        Assert.Equal(("xx", 2L, 0.4), (summary.TopCategories![0].Category, summary.TopCategories[0].Count, summary.TopCategories[0].Share));
        Assert.Equal(["xx", "yy"], fresh.Select(c => c.Category));
        Assert.Equal(0.2, fresh[1].Share, 12);
    }

    [Fact]
    public void An_all_missing_numeric_side_has_no_figures()
    {
        var summary = ColumnSummary.Of(ColumnValues.Numeric([null, double.NaN]), ColumnType.Numeric);

        Assert.Equal((0L, 1.0), (summary.Count, summary.MissingShare));
        Assert.Null(summary.Mean);
        Assert.Null(summary.Quantiles);
    }
}
