using System.Text.Json;

namespace OpsConsole.Scoring;

public class TensorSummaryTests
{
    static readonly double[] TwoRows = [1, 2, 3, 10, double.NaN, 30];
    static readonly double[] Seven = [1, 2, 3, 4, 5, 6, 7];
    static readonly double[] NonFiniteFirstRow = [double.NaN, double.PositiveInfinity, 4, 6];

    [Theory]
    [InlineData("small_with_nan_and_inf")]
    [InlineData("large_offset_small_spread")]
    [InlineData("pixels_with_nan")]
    public void Moments_of_the_finite_values_match_numpy_with_nan_and_infinities_ignored(string vector)
    {
        var reference = StatisticsReferences.MomentVector(vector);
        var moments = reference.GetProperty("moments");
        var expectedMean = moments.GetProperty("mean").GetDouble();
        var expectedStd = moments.GetProperty("std").GetDouble();

        var summary = TensorSummary.Of(StatisticsReferences.Numbers(reference.GetProperty("values")));

        Assert.Equal(reference.GetProperty("count").GetInt32(), summary.Count);
        Assert.Equal(reference.GetProperty("nan_share").GetDouble(), summary.NanShare, 1e-15);
        Assert.Equal(expectedMean, Assert.NotNull(summary.Mean), Math.Abs(expectedMean) * 1e-12 + 1e-12);
        // numpy's two-pass std is the reference; Welford's single pass agrees to far better than the naive sum of squares,
        // which on values near 1e9 with a spread of 1 would lose every digit.
        Assert.Equal(expectedStd, Assert.NotNull(summary.Std), expectedStd * 1e-6);
        Assert.Equal(moments.GetProperty("min").GetDouble(), Assert.NotNull(summary.Min));
        Assert.Equal(moments.GetProperty("max").GetDouble(), Assert.NotNull(summary.Max));
    }

    [Fact]
    public void A_row_with_no_finite_value_has_null_moments_and_a_nan_share_of_one()
    {
        var reference = StatisticsReferences.MomentVector("all_non_finite");
        Assert.Equal(JsonValueKind.Null, reference.GetProperty("moments").ValueKind);

        var summary = TensorSummary.Of(StatisticsReferences.Numbers(reference.GetProperty("values")));

        Assert.Equal(new TensorSummary(3, null, null, null, null, 1), summary);
    }

    [Fact]
    public void An_empty_row_has_null_moments_and_a_nan_share_of_zero()
    {
        Assert.Equal(new TensorSummary(0, null, null, null, null, 0), TensorSummary.Of(ReadOnlySpan<double>.Empty));
    }

    [Fact]
    public void A_tensor_that_divides_evenly_is_summarised_row_by_row()
    {
        var rows = TensorSummary.PerRow(TwoRows, 2);

        // Both rows' figures are exact in binary: [1, 2, 3] has mean 2 and variance 2/3; [10, NaN, 30] has mean 20 and spread 10 over its finite values.
        Assert.Equal([new TensorSummary(3, 2, Math.Sqrt(2.0 / 3), 1, 3, 0), new TensorSummary(3, 20, 10, 10, 30, 1.0 / 3)], rows);
    }

    [Fact]
    public void One_value_per_row_gives_each_row_a_spread_of_zero()
    {
        var rows = TensorSummary.PerRow(Seven, 7);

        Assert.Equal(Seven.Select(v => (double?)v), rows.Select(r => r.Mean));
        Assert.All(rows, r => Assert.Equal(0, Assert.NotNull(r.Std)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-4)]
    public void A_tensor_that_does_not_divide_evenly_or_one_row_or_fewer_is_summarised_whole(int rows)
    {
        var summary = Assert.Single(TensorSummary.PerRow(Seven, rows));

        Assert.Equal(7, summary.Count);
        Assert.Equal(4, Assert.NotNull(summary.Mean), 1e-12);
        Assert.Equal(2, Assert.NotNull(summary.Std), 1e-12);
    }

    [Fact]
    public void A_row_of_only_nan_and_infinity_gets_null_moments_while_the_next_row_is_summarised()
    {
        var rows = TensorSummary.PerRow(NonFiniteFirstRow, 2);

        Assert.Equal([new TensorSummary(2, null, null, null, null, 1), new TensorSummary(2, 5, 1, 4, 6, 0)], rows);
    }
}
