namespace OpsConsole.Monitoring;

public class ReservoirSampleTests
{
    [Fact]
    public void Below_capacity_every_item_is_kept_in_order()
    {
        var sample = new ReservoirSample<int>(10);
        for (var i = 0; i < 7; i++) sample.Add(i);

        Assert.Equal(Enumerable.Range(0, 7), sample.Items);
        Assert.Equal((7L, false), (sample.Seen, sample.IsSampled));
    }

    [Fact]
    public void The_same_seed_and_stream_give_the_same_sample()
    {
        var a = new ReservoirSample<int>(100, seed: 3);
        var b = new ReservoirSample<int>(100, seed: 3);
        for (var i = 0; i < 10_000; i++)
        {
            a.Add(i);
            b.Add(i);
        }

        Assert.Equal(a.Items, b.Items);
        Assert.True(a.IsSampled);
    }

    [Fact]
    public void Every_item_is_kept_with_the_same_probability()
    {
        // 2,000 streams of 100 items into a reservoir of 10: each item should land in about 10 % of the samples.
        // The bounds are ±5 standard errors of a binomial(2000, 0.1) share, so a correct sampler fails about once in 10⁶ runs.
        var kept = new int[100];
        for (var run = 0; run < 2000; run++)
        {
            var sample = new ReservoirSample<int>(10, seed: run);
            for (var i = 0; i < 100; i++) sample.Add(i);
            foreach (var item in sample.Items) kept[item]++;
        }

        var error = 5 * Math.Sqrt(0.1 * 0.9 / 2000);
        Assert.All(kept, count => Assert.InRange(count / 2000.0, 0.1 - error, 0.1 + error));
    }
}
