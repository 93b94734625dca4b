using Microsoft.Extensions.Time.Testing;

namespace OpsConsole.Monitoring;

public class ServiceErrorTallyTests
{
    static readonly DateTimeOffset Noon = new(2026, 3, 29, 12, 0, 40, TimeSpan.Zero);

    [Fact]
    public void Counts_are_kept_per_version_minute_kind_and_feature_and_a_drain_empties_the_tally()
    {
        var clock = new FakeTimeProvider(Noon);
        var tally = new ServiceErrorTally(clock);
        tally.Add("m", 1, ServiceErrorKinds.Violation, "c");
        tally.Add("m", 1, ServiceErrorKinds.Violation, "c");
        tally.Add("m", 1, ServiceErrorKinds.Violation, "b");
        tally.Add("m", 2, ServiceErrorKinds.Fault);
        clock.Advance(TimeSpan.FromSeconds(30));   // 12:01:10: the next minute
        tally.Add("m", 1, ServiceErrorKinds.Violation, "c");

        var counts = tally.Drain();

        var minute = new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, counts[new ServiceErrorKey("m", 1, minute, ServiceErrorKinds.Violation, "c")]);
        Assert.Equal(1, counts[new ServiceErrorKey("m", 1, minute, ServiceErrorKinds.Violation, "b")]);
        Assert.Equal(1, counts[new ServiceErrorKey("m", 2, minute, ServiceErrorKinds.Fault, "")]);
        Assert.Equal(1, counts[new ServiceErrorKey("m", 1, minute.AddMinutes(1), ServiceErrorKinds.Violation, "c")]);
        Assert.Empty(tally.Drain());
    }

    [Fact]
    public void Returned_counts_add_to_what_arrived_meanwhile_and_long_feature_names_are_cut()
    {
        var tally = new ServiceErrorTally(new FakeTimeProvider(Noon));
        tally.Add("m", 1, ServiceErrorKinds.Rejected, count: 3);
        var failed = tally.Drain();
        tally.Add("m", 1, ServiceErrorKinds.Rejected);
        tally.Return(failed);
        tally.Add("m", 1, ServiceErrorKinds.Violation, new string('x', 500));

        var counts = tally.Drain();

        Assert.Equal(4, counts.Single(c => c.Key.Kind == ServiceErrorKinds.Rejected).Value);
        Assert.Equal(ServiceErrorTally.FeatureLength, counts.Single(c => c.Key.Kind == ServiceErrorKinds.Violation).Key.Feature.Length);
    }
}
