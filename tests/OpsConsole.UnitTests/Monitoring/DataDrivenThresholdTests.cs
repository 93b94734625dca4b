namespace OpsConsole.Monitoring;

public class DataDrivenThresholdTests
{
    [Fact]
    public void The_threshold_is_the_mean_plus_three_population_standard_deviations_of_each_chunk_against_the_whole()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => (double?)(random.NextDouble() * 2)).ToList();

        var result = DataDrivenThreshold.For("a", ColumnType.Numeric, values, [], DriftMethods.Wasserstein)!;

        // The same figures worked out directly: ten consecutive chunks of 100, each against the whole reference.
        var whole = values.Select(v => v!.Value).Order().ToArray();
        var chunks = Enumerable.Range(0, 10).Select(c => DriftStatistics.WassersteinNormed(whole, [.. values.Skip(c * 100).Take(100).Select(v => v!.Value).Order()])).ToList();
        var mean = chunks.Average();
        var std = Math.Sqrt(chunks.Average(s => (s - mean) * (s - mean)));
        Assert.Equal(chunks, result.ChunkStatistics);
        Assert.Equal(mean + 3 * std, result.Threshold, 12);
    }

    [Fact]
    public void A_reference_that_repeats_itself_gets_a_zero_band_and_a_short_one_gets_none()
    {
        var repeating = Enumerable.Range(0, 1000).Select(i => (string?)(i % 4 == 0 ? "x" : "y")).ToList();

        var steady = DataDrivenThreshold.For("c", ColumnType.Categorical, [], repeating, DriftMethods.Js)!;
        var tooShort = DataDrivenThreshold.For("c", ColumnType.Categorical, [], [.. repeating.Take(DataDrivenThreshold.Chunks * DataDrivenThreshold.MinChunkValues - 1)], DriftMethods.Js);

        Assert.Equal(0, steady.Threshold, 12);
        Assert.Null(tooShort);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataDrivenThreshold.For("c", ColumnType.Categorical, [], repeating, DriftMethods.Ks));
    }
}
