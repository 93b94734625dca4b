namespace OpsConsole.Monitoring;

public class KpiMathTests
{
    static readonly double[] WorkedConfidences = [0.95, 0.9, 0.79, 0.6, 0.85];

    [Fact]
    public void The_confident_rate_matches_the_worked_example_of_the_statistics_contract()
    {
        // τ = 0.8, confidences [.95, .9, .79, .6, .85] → 0.60.
        var cell = new RollupCell();
        foreach (var c in WorkedConfidences) cell.Add(new RollupInput("m", 1, null, default, "production", "x", c, 1));

        Assert.Equal(0.6, KpiMath.ConfidentRate(cell.ConfidentAtLeast(0.8), cell.ConfidenceCount));
        Assert.Null(KpiMath.ConfidentRate(0, 0));
    }

    [Fact]
    public void A_confidence_of_exactly_one_and_one_exactly_on_the_threshold_count_as_confident()
    {
        var cell = new RollupCell();
        cell.Add(new RollupInput("m", 1, null, default, "production", "x", 1.0, 1));
        cell.Add(new RollupInput("m", 1, null, default, "production", "x", 0.8, 1));
        cell.Add(new RollupInput("m", 1, null, default, "production", "x", 0.7999, 1));

        Assert.Equal(2, cell.ConfidentAtLeast(0.8));
        Assert.Equal(3, cell.ConfidentAtLeast(0));
    }

    [Fact]
    public void The_baseline_pools_the_seven_days_before_and_the_change_is_in_points()
    {
        var start = new DateOnly(2026, 11, 1);
        // Seven days at 90 of 100 confident (one quiet day with 10 of 10), then a day at 70 of 100.
        var days = Enumerable.Range(0, 7).Select(i => i == 3 ? new DayCounts(start.AddDays(i), 10, 10, 10) : new DayCounts(start.AddDays(i), 100, 100, 90))
            .Append(new DayCounts(start.AddDays(7), 100, 100, 70)).ToList();

        var kpis = KpiMath.Daily(days);

        var last = kpis[^1];
        Assert.Equal(550.0 / 610, last.BaselineRate!.Value, 12);   // pooled: (6·90 + 10) / (6·100 + 10), not the mean of daily rates
        Assert.Equal((0.7 - 550.0 / 610) * 100, last.ChangePoints!.Value, 9);
        Assert.Null(kpis[0].BaselineRate);   // nothing before the first day
    }

    [Fact]
    public void Days_are_cut_in_the_viewers_time_zone_across_the_autumn_clock_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 25 October 2026 is the day Berlin goes from CEST (UTC+2) back to CET (UTC+1): it lasts 25 hours.
        var firstMinute = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);   // 00:00 CEST on the 25th
        var lastMinute = new DateTimeOffset(2026, 10, 25, 22, 59, 0, TimeSpan.Zero);   // 23:59 CET on the 25th
        var nextDay = new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero);      // 00:00 CET on the 26th

        Assert.Equal(new DateOnly(2026, 10, 25), KpiMath.LocalDay(firstMinute, berlin));
        Assert.Equal(new DateOnly(2026, 10, 25), KpiMath.LocalDay(lastMinute, berlin));
        Assert.Equal(new DateOnly(2026, 10, 26), KpiMath.LocalDay(nextDay, berlin));
        Assert.Equal(new DateOnly(2026, 10, 24), KpiMath.LocalDay(firstMinute, TimeZoneInfo.Utc));
        Assert.Equal(25, (nextDay - firstMinute).TotalHours);
    }

    [Fact]
    public void A_local_day_starts_at_its_own_midnight_offset_across_a_clock_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 25 October 2026: clocks go back at 03:00 CEST; the day starts in summer time and the next in winter time.
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), KpiMath.StartOf(new DateOnly(2026, 10, 25), berlin).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), KpiMath.StartOf(new DateOnly(2026, 10, 26), berlin).ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(25), KpiMath.StartOf(new DateOnly(2026, 10, 26), berlin) - KpiMath.StartOf(new DateOnly(2026, 10, 25), berlin));
    }

    [Fact]
    public void Each_reviewed_prediction_counts_once_and_its_latest_review_decides_whether_it_was_corrected()
    {
        // p1 corrected; p2 confirmed; p3 corrected then confirmed back (not a correction); p4 confirmed then corrected.
        (string, long, bool)[] reviews = [("p1", 1, true), ("p2", 2, false), ("p3", 3, true), ("p4", 4, false), ("p3", 5, false), ("p4", 6, true)];

        Assert.Equal((4L, 2L), KpiMath.ReviewCounts(reviews));
        Assert.Equal((4L, 2L), KpiMath.ReviewCounts(reviews.Reverse()));   // order of arrival does not matter, only each review's order
        Assert.Equal((0L, 0L), KpiMath.ReviewCounts([]));
    }

    [Fact]
    public void The_correction_rate_is_changed_over_reviewed_with_a_wilson_interval_and_its_own_pooled_baseline()
    {
        var start = new DateOnly(2026, 11, 1);
        // Six days with 2 of 100 corrected, one day with no reviews at all, then a day with 6 of 50.
        var days = Enumerable.Range(0, 7).Select(i => i == 2 ? new DayCounts(start.AddDays(i), 100, 100, 90) : new DayCounts(start.AddDays(i), 100, 100, 90, 100, 2))
            .Append(new DayCounts(start.AddDays(7), 100, 100, 90, 50, 6)).ToList();

        var kpis = KpiMath.Daily(days);

        var last = kpis[^1];
        Assert.Equal((50L, 6L, 0.12), (last.Reviewed, last.Corrected, last.CorrectionRate!.Value));
        Assert.Equal(12.0 / 600, last.CorrectionBaselineRate!.Value, 12);   // pooled over the six days with reviews
        Assert.Equal((0.12 - 0.02) * 100, last.CorrectionChangePoints!.Value, 9);
        Assert.Equal(WilsonInterval.Of(6, 50), last.CorrectionInterval);
        Assert.Null(kpis[2].CorrectionRate);   // no reviews is not a rate of 0
        Assert.Null(kpis[2].CorrectionInterval);
        Assert.Null(kpis[0].CorrectionBaselineRate);
    }
}
