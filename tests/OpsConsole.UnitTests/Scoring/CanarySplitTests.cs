namespace OpsConsole.Scoring;

public class CanarySplitTests
{
    [Fact]
    public void The_same_request_id_always_lands_on_the_same_side()
    {
        var first = Enumerable.Range(0, 200).Select(i => CanarySplit.GoesToCanary("fraud", $"req-{i}", 30)).ToList();
        var again = Enumerable.Range(0, 200).Select(i => CanarySplit.GoesToCanary("fraud", $"req-{i}", 30)).ToList();

        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void The_canary_gets_its_share_of_distinct_requests_within_four_standard_deviations(int percent)
    {
        const int Requests = 20_000;
        // Fixed ids keep the test deterministic; for a hash they are as good as random ones.
        var share = Enumerable.Range(0, Requests).Count(i => CanarySplit.GoesToCanary("fraud", $"order-{i:D8}", percent)) / (double)Requests;

        // Binomial(n, p): the standard deviation of the share is sqrt(p(1-p)/n); a fair split lands within 4 of them.
        var p = percent / 100.0;
        Assert.InRange(share, p - 4 * Math.Sqrt(p * (1 - p) / Requests), p + 4 * Math.Sqrt(p * (1 - p) / Requests));
    }

    [Fact]
    public void Zero_percent_sends_nothing_and_a_hundred_sends_everything()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 500), i => CanarySplit.GoesToCanary("m", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0));
        Assert.All(Enumerable.Range(0, 500), i => Assert.True(CanarySplit.GoesToCanary("m", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 100)));
    }

    [Fact]
    public void Raising_the_percent_only_adds_requests_to_the_canary()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"r{i}").ToList();

        var atTen = ids.Where(id => CanarySplit.GoesToCanary("m", id, 10)).ToHashSet();
        var atTwenty = ids.Where(id => CanarySplit.GoesToCanary("m", id, 20)).ToHashSet();

        Assert.Subset(atTwenty, atTen);
    }
}
