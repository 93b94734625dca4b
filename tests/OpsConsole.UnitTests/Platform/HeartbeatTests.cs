using System.Globalization;

namespace OpsConsole.Platform;

public class HeartbeatTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00:00Z", CultureInfo.InvariantCulture);
    static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    [Fact]
    public void No_beat_yet_is_reported_as_never_seen_not_as_an_outage()
    {
        Assert.Equal(HeartbeatState.NeverSeen, Heartbeat.Judge(null, Period, Now));
    }

    [Theory]
    [InlineData(0, HeartbeatState.Healthy)]
    [InlineData(60, HeartbeatState.Healthy)]
    [InlineData(61, HeartbeatState.Late)]
    [InlineData(150, HeartbeatState.Late)]
    [InlineData(151, HeartbeatState.Stopped)]
    public void One_missed_beat_is_fine_two_are_late_five_mean_stopped(int secondsAgo, HeartbeatState expected)
    {
        Assert.Equal(expected, Heartbeat.Judge(Now.AddSeconds(-secondsAgo), Period, Now));
    }
}
