using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

public class RollupNoticesTests
{
    [Fact]
    public async Task A_busy_model_is_announced_once_per_interval_and_the_last_batch_of_an_interval_is_announced_when_it_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var live = new LiveEvents(NullLogger<LiveEvents>.Instance);
        var heard = new List<string>();
        using var subscription = live.Subscribe<RollupsUpdated>(e => { lock (heard) heard.Add(e.Model); return Task.CompletedTask; });
        using var notices = new RollupNotices(live, clock, NullLogger<RollupNotices>.Instance);

        notices.Written(["a", "a", "b"]);           // first batch: both at once, a only once
        clock.Advance(TimeSpan.FromSeconds(1));
        notices.Written(["a"]);                     // inside the interval: held back
        notices.Written(["a"]);
        await Task.Yield();
        var before = heard.ToList();
        clock.Advance(TimeSpan.FromSeconds(4));     // the interval ends: the held-back batch is announced once
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], before.Order());
        Assert.Equal(["a", "a", "b"], heard.Order());
        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(3, heard.Count);               // nothing new was written: nothing more is said
    }
}
