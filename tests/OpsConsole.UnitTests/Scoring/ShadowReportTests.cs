namespace OpsConsole.Scoring;

public class ShadowReportTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    static ShadowSample Labels(string? primary, string? shadow, string? segment = null, DateTimeOffset? at = null,
        double? primaryConfidence = null, double? shadowConfidence = null, double primaryMs = 10, double shadowMs = 10) =>
        new(at ?? T0, segment, primary, shadow, primaryConfidence, shadowConfidence, null, null, primaryMs, shadowMs);

    static ShadowSample Values(double? primary, double? shadow) => new(T0, null, null, null, null, null, primary, shadow, 10, 10);

    static ShadowReport Report(IReadOnlyCollection<ShadowSample> samples, TimeSpan? bucket = null)
    {
        var report = ShadowReport.Build(samples, bucket ?? Minute);
        Assert.NotNull(report);
        return report;
    }

    [Fact]
    public void No_samples_give_no_report()
    {
        Assert.Null(ShadowReport.Build([], Minute));
    }

    [Fact]
    public void A_time_bucket_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("bucket", () => { _ = ShadowReport.Build([Labels("a", "a")], TimeSpan.Zero); });
    }

    [Fact]
    public void Agreement_is_the_share_of_rows_with_equal_labels_and_a_missing_side_disagrees()
    {
        var report = Report([Labels("a", "a"), Labels("b", "b"), Labels("a", "b"), Labels("a", null), Labels("A", "a")]);

        Assert.Equal(5, report.Samples);
        Assert.Equal(2.0 / 5, report.Agreement);
    }

    [Fact]
    public void Kappa_matches_the_value_computed_from_the_confusion_counts_by_numpy()
    {
        var reference = StatisticsReferences.Kappa;
        var primary = StatisticsReferences.Strings(reference.GetProperty("primary"));
        var shadow = StatisticsReferences.Strings(reference.GetProperty("shadow"));
        var samples = primary.Zip(shadow, (p, s) => Labels(p, s)).ToList();

        var report = Report(samples);

        Assert.Equal(primary.Length, report.Samples);
        Assert.Equal(reference.GetProperty("observed_agreement").GetDouble(), report.Agreement, 1e-12);
        Assert.Equal(reference.GetProperty("kappa").GetDouble(), Assert.NotNull(report.CohensKappa), 1e-12);
        Assert.Equal(reference.GetProperty("kappa").GetDouble(), Assert.NotNull(ShadowReport.KappaOf(samples)), 1e-12);
    }

    [Fact]
    public void Kappa_of_a_small_table_is_observed_minus_chance_over_one_minus_chance()
    {
        // p_o = 3/4; primary a,b = 1/2,1/2; shadow a,b = 1/4,3/4; p_e = 1/8 + 3/8 = 1/2; κ = (3/4 - 1/2) / (1/2) = 1/2.
        var half = ShadowReport.KappaOf([Labels("a", "a"), Labels("a", "b"), Labels("b", "b"), Labels("b", "b")]);
        // Always swapped: p_o = 0, p_e = 1/2, κ = -1.
        var swapped = ShadowReport.KappaOf([Labels("a", "b"), Labels("b", "a")]);

        Assert.Equal(0.5, Assert.NotNull(half), 1e-12);
        Assert.Equal(-1, Assert.NotNull(swapped), 1e-12);
    }

    [Fact]
    public void Kappa_counts_only_rows_where_both_sides_gave_a_label()
    {
        // Over the two labelled rows agreement is perfect with p_e = 1/2, so κ = 1; the half-labelled row only lowers agreement.
        var report = Report([Labels("a", "a"), Labels("b", "b"), Labels("a", null), Labels(null, "b")]);

        Assert.Equal(0.5, report.Agreement);
        Assert.Equal(1, Assert.NotNull(report.CohensKappa), 1e-12);
    }

    [Fact]
    public void Kappa_is_null_when_chance_agreement_is_one()
    {
        var report = Report([Labels("yes", "yes"), Labels("yes", "yes"), Labels("yes", "yes")]);

        Assert.Equal(1, report.Agreement);
        Assert.Null(report.CohensKappa);
    }

    [Fact]
    public void Kappa_is_null_without_labelled_rows()
    {
        Assert.Null(ShadowReport.KappaOf([Values(1, 1), Values(2, 2)]));
        Assert.Null(ShadowReport.KappaOf([]));
    }

    [Theory]
    [InlineData(100.0, 105.0, true)]    // 5 <= 5 % of 105
    [InlineData(100.0, 95.0, true)]     // 5 <= 5 % of 100, the larger magnitude
    [InlineData(100.0, 94.9, false)]    // 5.1 > 5 % of 100
    [InlineData(100.0, 106.0, false)]   // 6 > 5 % of 106
    [InlineData(-100.0, -104.0, true)]  // magnitudes, not signed values
    [InlineData(-2.0, 2.0, false)]
    [InlineData(0.0, 0.0, true)]
    public void Regression_outputs_agree_within_five_percent_of_the_larger_magnitude(double primary, double shadow, bool agrees)
    {
        Assert.Equal(agrees, Values(primary, shadow).Agrees);
        Assert.Equal(agrees, Values(shadow, primary).Agrees);
    }

    [Fact]
    public void A_regression_row_missing_either_value_disagrees()
    {
        Assert.False(Values(1, null).Agrees);
        Assert.False(Values(null, 1).Agrees);
        Assert.False(Values(null, null).Agrees);
    }

    [Fact]
    public void A_regression_report_has_agreement_but_no_kappa_and_no_confidence_figures()
    {
        var report = Report([Values(100, 104), Values(100, 120), Values(10, 10), Values(3, 3)]);

        Assert.Equal(0.75, report.Agreement);
        Assert.Null(report.CohensKappa);
        Assert.Null(report.MeanAbsDeltaConfidence);
        Assert.Null(report.P95AbsDeltaConfidence);
        Assert.Empty(report.DeltaConfidence);
    }

    [Fact]
    public void Segments_are_ordered_by_samples_then_name_and_rows_without_one_form_the_none_segment()
    {
        var report = Report([
            Labels("a", "a", "us"), Labels("a", "a", "us"),
            Labels("a", "a", null), Labels("a", "b", null),
            Labels("a", "a", "eu"), Labels("a", "b", "eu"), Labels("b", "b", "eu"),
        ]);

        Assert.Equal(
            [("eu", 3, 2.0 / 3), ("(none)", 2, 0.5), ("us", 2, 1.0)],
            report.Segments.Select(s => (s.Segment, s.Samples, s.Agreement)));
    }

    [Fact]
    public void Agreement_over_time_is_bucketed_at_multiples_of_the_bucket_in_time_order_without_filling_gaps()
    {
        var report = Report([
            Labels("a", "a", at: T0.AddSeconds(60)),
            Labels("a", "b", at: T0.AddSeconds(50)),
            Labels("a", "a", at: T0.AddSeconds(179)),
            Labels("a", "a", at: T0.AddSeconds(10)),
            Labels("a", "b", at: T0.AddMinutes(5)),
        ]);

        Assert.Equal(
            [(T0, 2, 0.5), (T0.AddMinutes(1), 1, 1.0), (T0.AddMinutes(2), 1, 1.0), (T0.AddMinutes(5), 1, 0.0)],
            report.OverTime.Select(p => (p.Start, p.Samples, p.Agreement)));
    }

    [Fact]
    public void Time_buckets_are_in_utc_whatever_the_offset_of_the_sample()
    {
        // 01:30 at +01:00 is 00:30 UTC, in the hour starting at midnight UTC.
        var report = Report([Labels("a", "a", at: new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.FromHours(1)))], TimeSpan.FromHours(1));

        var point = Assert.Single(report.OverTime);
        Assert.Equal(T0, point.Start);
        Assert.Equal(TimeSpan.Zero, point.Start.Offset);
    }

    [Fact]
    public void A_sample_before_the_unix_epoch_falls_in_the_bucket_that_starts_before_it()
    {
        var report = Report([Labels("a", "a", at: new DateTimeOffset(1969, 12, 31, 23, 59, 30, TimeSpan.Zero))]);

        Assert.Equal(new DateTimeOffset(1969, 12, 31, 23, 59, 0, TimeSpan.Zero), Assert.Single(report.OverTime).Start);
    }

    [Fact]
    public void Confidence_deltas_are_summarised_and_binned_with_a_delta_of_one_in_the_last_bin()
    {
        // |Δconfidence| = 0, 0.125, 0.5 and 1 (exact in binary); the regression row has none.
        var report = Report([
            Labels("a", "a", primaryConfidence: 0.5, shadowConfidence: 0.5),
            Labels("a", "a", primaryConfidence: 0.625, shadowConfidence: 0.5),
            Labels("a", "b", primaryConfidence: 0.25, shadowConfidence: 0.75),
            Labels("a", "b", primaryConfidence: 0, shadowConfidence: 1),
            Values(1, 1),
        ]);

        Assert.Equal(0.40625, Assert.NotNull(report.MeanAbsDeltaConfidence), 1e-12);
        // Type 7 over [0, 0.125, 0.5, 1]: h = 3 · 0.95 = 2.85, so 0.5 + 0.85 · 0.5.
        Assert.Equal(0.925, Assert.NotNull(report.P95AbsDeltaConfidence), 1e-12);
        Assert.Equal(ShadowReport.DeltaBins, report.DeltaConfidence.Count);
        Assert.Equal(4, report.DeltaConfidence.Sum(b => b.Count));
        Assert.Equal([(0, 1), (2, 1), (10, 1), (19, 1)],
            report.DeltaConfidence.Select((b, i) => (i, b.Count)).Where(b => b.Count > 0));
        Assert.Equal(new HistogramBin(0.95, 1, 1), report.DeltaConfidence[^1]);
        Assert.Equal(new HistogramBin(0, 0.05, 1), report.DeltaConfidence[0]);
    }

    [Fact]
    public void The_latency_ratio_is_shadow_p50_over_primary_p50_so_one_slow_row_does_not_move_it()
    {
        var report = Report([
            Labels("a", "a", primaryMs: 10, shadowMs: 20),
            Labels("a", "a", primaryMs: 10, shadowMs: 20),
            Labels("a", "a", primaryMs: 10, shadowMs: 20),
            Labels("a", "a", primaryMs: 1000, shadowMs: 20),
        ]);

        // Each p50 is within 1 % of the true median (10 and exactly 20: one value, clamped), so the ratio is within 1 % of 2.
        Assert.InRange(Assert.NotNull(report.LatencyRatio), 2 / 1.01, 2 / 0.99);
        Assert.Equal(20, report.ShadowLatency.P50Ms);
        Assert.InRange(report.PrimaryLatency.P50Ms, 9.9, 10.1);
        Assert.Equal(257.5, report.PrimaryLatency.MeanMs, 1e-9);
        Assert.Equal(20, report.ShadowLatency.MeanMs, 1e-9);
    }

    [Fact]
    public void A_zero_primary_median_leaves_the_ratio_unknown_rather_than_infinite()
    {
        // Ingested predictions without latencyMs are logged with 0 ms: the ratio cannot be known, and JSON has no ∞.
        var slower = Report([Labels("a", "a", primaryMs: 0, shadowMs: 5)]);
        // A negative latency counts as 0 ms.
        var both = Report([Labels("a", "a", primaryMs: -3, shadowMs: 0)]);

        Assert.Null(slower.LatencyRatio);
        Assert.Null(both.LatencyRatio);
        Assert.Equal(0, both.PrimaryLatency.P50Ms);
    }
}
