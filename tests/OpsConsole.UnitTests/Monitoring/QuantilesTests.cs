namespace OpsConsole.Monitoring;

public class QuantilesTests
{
    static readonly double[] OneValue = [4.2];
    static readonly double[] OneToFour = [1, 2, 3, 4];

    [Theory]
    [InlineData("lognormal_latency_ms")]
    [InlineData("uniform")]
    [InlineData("ties_and_zero")]
    public void Type7_matches_numpys_default_linear_quantile(string sample)
    {
        var reference = StatisticsReferences.QuantileSample(sample);
        var sorted = StatisticsReferences.Numbers(reference.GetProperty("values")).Order().ToList();
        var expected = StatisticsReferences.Numbers(reference.GetProperty("linear"));
        var levels = StatisticsReferences.QuantileLevels;

        Assert.Equal(levels.Length, expected.Length);
        for (var i = 0; i < levels.Length; i++) Assert.Equal(expected[i], Quantiles.Type7(sorted, levels[i]), Math.Abs(expected[i]) * 1e-12);
    }

    [Fact]
    public void Type7_interpolates_between_order_statistics_and_hits_the_ends_exactly()
    {
        // h = (n - 1) q: 0.5 -> 1.5, 0.9 -> 2.7, 0.25 -> 0.75.
        Assert.Equal(2.5, Quantiles.Type7(OneToFour, 0.5), 1e-12);
        Assert.Equal(3.7, Quantiles.Type7(OneToFour, 0.9), 1e-12);
        Assert.Equal(1.75, Quantiles.Type7(OneToFour, 0.25), 1e-12);
        Assert.Equal(1, Quantiles.Type7(OneToFour, 0));
        Assert.Equal(4, Quantiles.Type7(OneToFour, 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_single_value_is_every_quantile(double q)
    {
        Assert.Equal(4.2, Quantiles.Type7(OneValue, q));
    }

    [Fact]
    public void An_empty_list_answers_nan()
    {
        Assert.True(double.IsNaN(Quantiles.Type7([], 0.5)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_quantile_outside_zero_to_one_is_refused_even_for_an_empty_list(double q)
    {
        Assert.Throws<ArgumentOutOfRangeException>(nameof(q), () => Quantiles.Type7(OneToFour, q));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(q), () => Quantiles.Type7([], q));
    }
}
