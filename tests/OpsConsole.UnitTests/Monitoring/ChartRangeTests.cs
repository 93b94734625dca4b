namespace OpsConsole.Monitoring;

public class ChartRangeTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, 1)]          // last hour: every minute, 60 points
    [InlineData(360, 1)]         // 6 h is exactly 360 one-minute points
    [InlineData(361, 5)]
    [InlineData(1440, 5)]        // last day: 288 points
    [InlineData(10080, 30)]      // last week: 336 points
    [InlineData(43200, 180)]     // 30 days: 240 points
    [InlineData(129600, 360)]    // 90 days: 360 points
    [InlineData(5_000_000, 10080)]
    public void The_step_is_the_shortest_on_the_ladder_that_keeps_the_chart_within_its_points(int minutes, int step)
    {
        Assert.Equal(step, ChartRange.StepFor(TimeSpan.FromMinutes(minutes)));
        Assert.True(minutes / (double)step <= ChartRange.MaxPoints || step == 10080);
    }

    [Fact]
    public void The_last_day_ends_now_and_a_backwards_range_is_refused()
    {
        var day = ChartRange.Last(TimeSpan.FromDays(1), Now);

        Assert.Equal((Now.AddDays(-1), Now, 5), (day.From, day.To, day.StepMinutes));
        Assert.Throws<ArgumentException>(() => ChartRange.Between(Now, Now));
    }

    [Theory]
    [InlineData(5, "5 min")]
    [InlineData(90, "90 min")]
    [InlineData(180, "3 h")]
    [InlineData(1440, "1 d")]
    [InlineData(10080, "7 d")]
    public void Steps_read_in_the_largest_whole_unit(int minutes, string text) => Assert.Equal(text, ChartRange.Describe(minutes));

    [Fact]
    public void A_range_reaching_into_compacted_hours_is_drawn_at_an_hour_at_least_and_a_recent_one_keeps_its_step()
    {
        var week = ChartRange.Last(TimeSpan.FromDays(7), Now);
        var day = ChartRange.Last(TimeSpan.FromDays(1), Now);
        var month = ChartRange.Last(TimeSpan.FromDays(30), Now);

        Assert.Equal(60, week.CoarseWhereCompacted(Now.AddHours(-48)).StepMinutes);
        Assert.Equal(5, day.CoarseWhereCompacted(Now.AddHours(-48)).StepMinutes);
        Assert.Equal(180, month.CoarseWhereCompacted(Now.AddHours(-48)).StepMinutes);
    }
}
