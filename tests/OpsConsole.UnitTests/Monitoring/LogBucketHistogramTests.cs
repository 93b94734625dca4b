namespace OpsConsole.Monitoring;

public class LogBucketHistogramTests
{
    const double Alpha = LogBucketHistogram.DefaultRelativeAccuracy;
    static readonly double[] HalfAndFive = [0.5, 5];

    static LogBucketHistogram Of(IEnumerable<double> values)
    {
        var histogram = new LogBucketHistogram();
        foreach (var v in values) histogram.Add(v);
        return histogram;
    }

    static double[] Values(string sample) => StatisticsReferences.Numbers(StatisticsReferences.QuantileSample(sample).GetProperty("values"));

    [Theory]
    [InlineData("lognormal_latency_ms")]
    [InlineData("uniform")]
    [InlineData("ties_and_zero")]
    public void Each_quantile_is_within_the_relative_accuracy_of_numpys_lower_quantile(string sample)
    {
        var values = Values(sample);
        var expected = StatisticsReferences.Numbers(StatisticsReferences.QuantileSample(sample).GetProperty("lower"));
        var levels = StatisticsReferences.QuantileLevels;

        var histogram = Of(values);

        Assert.Equal(values.Length, histogram.Count);
        Assert.Equal(values.Min(), histogram.Min);
        Assert.Equal(values.Max(), histogram.Max);
        Assert.Equal(levels.Length, expected.Length);
        for (var i = 0; i < levels.Length; i++)
        {
            var actual = histogram.Quantile(levels[i]);
            // The bucket midpoint is within α of every value in its bucket; the slack covers rounding at a bucket's edge.
            Assert.InRange(actual, expected[i] * (1 - Alpha) - 1e-12, expected[i] * (1 + Alpha) + 1e-12);
            Assert.InRange(actual, histogram.Min, histogram.Max);
        }
    }

    [Fact]
    public void The_lognormal_sample_is_answered_with_bucket_midpoints_not_its_exact_values()
    {
        // Guards the test above against passing trivially: the answers are approximations, not order statistics.
        var values = Values("lognormal_latency_ms");
        var expected = StatisticsReferences.Numbers(StatisticsReferences.QuantileSample("lognormal_latency_ms").GetProperty("lower"));

        var histogram = Of(values);

        Assert.NotEqual(expected[0], histogram.Quantile(StatisticsReferences.QuantileLevels[0]));
        Assert.DoesNotContain(histogram.Quantile(StatisticsReferences.QuantileLevels[0]), values);
    }

    [Fact]
    public void Merging_the_histograms_of_two_halves_gives_the_histogram_of_the_whole()
    {
        var values = Values("lognormal_latency_ms");
        var whole = Of(values);
        var merged = Of(values.Take(values.Length / 2));

        merged.Merge(Of(values.Skip(values.Length / 2)));

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.ZeroCount, merged.ZeroCount);
        Assert.Equal(whole.Sum, merged.Sum, whole.Sum * 1e-12);
        Assert.Equal(whole.Min, merged.Min);
        Assert.Equal(whole.Max, merged.Max);
        Assert.Equal(whole.Buckets.ToArray(), merged.Buckets.ToArray());
        foreach (var q in StatisticsReferences.QuantileLevels) Assert.Equal(whole.Quantile(q), merged.Quantile(q));
    }

    [Fact]
    public void Merging_an_empty_histogram_keeps_the_minimum_and_maximum_and_merging_into_one_takes_them()
    {
        var some = Of(HalfAndFive);
        var empty = new LogBucketHistogram();

        some.Merge(new LogBucketHistogram());
        empty.Merge(some);

        Assert.Equal((2L, 0.5, 5.0), (some.Count, some.Min, some.Max));
        Assert.Equal((2L, 0.5, 5.0, 5.5), (empty.Count, empty.Min, empty.Max, empty.Sum));
    }

    [Fact]
    public void Histograms_of_different_accuracy_do_not_merge()
    {
        var fine = new LogBucketHistogram(0.01);

        Assert.Throws<ArgumentException>("other", () => fine.Merge(new LogBucketHistogram(0.02)));
    }

    [Fact]
    public void An_empty_histogram_answers_nan()
    {
        var histogram = new LogBucketHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.True(double.IsNaN(histogram.Quantile(0.5)));
        Assert.True(double.IsNaN(histogram.Mean));
        Assert.True(double.IsNaN(histogram.Min));
        Assert.True(double.IsNaN(histogram.Max));
    }

    [Fact]
    public void Zeros_and_values_below_the_threshold_share_the_zero_bucket_and_answer_the_exact_minimum()
    {
        var histogram = new LogBucketHistogram();
        histogram.Add(0, 2);
        histogram.Add(LogBucketHistogram.ZeroThreshold / 10);
        histogram.Add(5);

        Assert.Equal(4, histogram.Count);
        Assert.Equal(3, histogram.ZeroCount);
        Assert.Single(histogram.Buckets);
        // Ranks 0..2 are in the zero bucket: floor(0.5 * 3) = 1, floor(0.66 * 3) = 1.
        Assert.Equal(0, histogram.Quantile(0));
        Assert.Equal(0, histogram.Quantile(0.5));
        Assert.Equal(0, histogram.Quantile(0.66));
        Assert.InRange(histogram.Quantile(1), 5 * (1 - Alpha), 5);
    }

    [Fact]
    public void A_histogram_of_only_zeros_answers_zero_at_every_quantile()
    {
        var histogram = new LogBucketHistogram();
        histogram.Add(0, 10);

        Assert.Equal((0.0, 0.0, 0.0), (histogram.Quantile(0), histogram.Quantile(0.99), histogram.Quantile(1)));
        Assert.Equal(0, histogram.Mean);
    }

    [Fact]
    public void One_repeated_value_is_answered_exactly_because_answers_are_clamped_to_the_minimum_and_maximum()
    {
        var histogram = new LogBucketHistogram();
        histogram.Add(12.3, 5);

        Assert.Equal(5, histogram.Count);
        Assert.Equal(12.3, histogram.Mean, 1e-12);
        Assert.Equal(12.3, histogram.Quantile(0.5));
        Assert.Equal(12.3, histogram.Quantile(0.99));
    }

    [Fact]
    public void A_count_of_zero_or_less_adds_nothing()
    {
        var histogram = new LogBucketHistogram();

        histogram.Add(7, 0);
        histogram.Add(7, -3);

        Assert.Equal(0, histogram.Count);
        Assert.Empty(histogram.Buckets);
        Assert.True(double.IsNaN(histogram.Min));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_and_non_finite_values_are_refused_and_leave_the_histogram_unchanged(double value)
    {
        var histogram = new LogBucketHistogram();
        histogram.Add(3);

        Assert.Throws<ArgumentOutOfRangeException>(nameof(value), () => histogram.Add(value));

        Assert.Equal((1L, 3.0, 3.0), (histogram.Count, histogram.Sum, histogram.Min));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_quantile_outside_zero_to_one_is_refused(double q)
    {
        var histogram = Of(HalfAndFive);

        Assert.Throws<ArgumentOutOfRangeException>(nameof(q), () => histogram.Quantile(q));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    public void A_relative_accuracy_outside_zero_to_one_is_refused(double accuracy)
    {
        Assert.Throws<ArgumentOutOfRangeException>("relativeAccuracy", () => new LogBucketHistogram(accuracy));
    }

    [Fact]
    public void Clear_empties_the_histogram_so_old_values_do_not_leak_into_the_next_window()
    {
        var histogram = Of(Values("uniform"));
        histogram.Add(0);

        histogram.Clear();

        Assert.Equal((0L, 0L, 0.0), (histogram.Count, histogram.ZeroCount, histogram.Sum));
        Assert.Empty(histogram.Buckets);
        Assert.True(double.IsNaN(histogram.Quantile(0.5)));
        Assert.True(double.IsNaN(histogram.Min));

        histogram.Add(7);

        Assert.Equal((1L, 7.0, 7.0, 7.0), (histogram.Count, histogram.Min, histogram.Max, histogram.Quantile(0.5)));
    }
}
