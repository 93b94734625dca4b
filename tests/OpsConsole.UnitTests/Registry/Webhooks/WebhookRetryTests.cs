namespace OpsConsole.Registry.Webhooks;

public class WebhookRetryTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 160)]
    [InlineData(6, 320)]
    [InlineData(7, 640)]
    public void Each_failure_doubles_the_wait_from_ten_seconds(int failedAttempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetry.DelayAfter(failedAttempts));
    }

    [Fact]
    public void No_wait_reaches_the_one_hour_cap_before_the_last_attempt()
    {
        var delays = Enumerable.Range(1, WebhookRetry.MaxAttempts - 1).Select(n => WebhookRetry.DelayAfter(n)!.Value).ToList();

        Assert.All(delays, d => Assert.True(d < TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(1270), delays.Aggregate(TimeSpan.Zero, (total, d) => total + d));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void Delivery_is_given_up_after_the_eighth_failed_attempt(int failedAttempts)
    {
        Assert.Null(WebhookRetry.DelayAfter(failedAttempts));
    }
}
