namespace OpsConsole.Monitoring;

/// <summary>Which minute and hour cell a prediction counts in, whatever offset its time was written with.</summary>
public class RollupKeyTests
{
    [Theory]
    [InlineData("2026-12-02T14:37:59.9999999+00:00", "2026-12-02T14:37:00+00:00", "2026-12-02T14:00:00+00:00")]
    [InlineData("2026-12-02T14:37:00+00:00", "2026-12-02T14:37:00+00:00", "2026-12-02T14:00:00+00:00")]
    // Kolkata is 5:30 ahead: the UTC minute and hour, not the local ones.
    [InlineData("2026-12-02T20:07:30+05:30", "2026-12-02T14:37:00+00:00", "2026-12-02T14:00:00+00:00")]
    // Across midnight and a year's end in UTC while still the old day where it was written.
    [InlineData("2026-12-31T19:00:01-05:00", "2027-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00")]
    public void A_time_falls_in_the_UTC_minute_and_hour_it_names(string at, string minute, string hour)
    {
        var instant = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((DateTimeOffset.Parse(minute, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            (RollupKey.MinuteOf(instant), RollupKey.MinuteOf(instant).Offset));
        Assert.Equal(DateTimeOffset.Parse(hour, System.Globalization.CultureInfo.InvariantCulture), RollupKey.HourOf(instant));
    }

    [Fact]
    public void The_minute_from_ticks_equals_the_minute_from_calendar_fields_for_many_instants()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var utc = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365 * 40).Ticks));
            var at = utc.ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));

            Assert.Equal(new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero), RollupKey.MinuteOf(at));
        }
    }
}
