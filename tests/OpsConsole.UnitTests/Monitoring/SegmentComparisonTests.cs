namespace OpsConsole.Monitoring;

public class SegmentComparisonTests
{
    static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    static RollupCell Cell(int yes, int no, double confidence)
    {
        var cell = new RollupCell();
        for (var i = 0; i < yes + no; i++) cell.Add(new RollupInput("m", 1, null, At, "production", i < yes ? "yes" : "no", confidence, 2));
        return cell;
    }

    static (RollupCell Whole, Dictionary<string, RollupCell> Segments) Split(params (string Name, RollupCell Cell)[] parts)
    {
        var whole = new RollupCell();
        foreach (var (_, cell) in parts) whole.Merge(cell);
        return (whole, parts.ToDictionary(p => p.Name, p => p.Cell));
    }

    [Fact]
    public void A_segment_whose_labels_flipped_ranks_first_with_the_jensen_shannon_distance_of_its_labels()
    {
        var (whole, segments) = Split(("eu", Cell(10, 90, 0.9)), ("us", Cell(10, 90, 0.9)), ("apac", Cell(90, 10, 0.9)));

        var ranked = SegmentComparison.Rank(whole, segments, 0.8);

        Assert.Equal(["apac", "eu", "us"], ranked.Select(s => s.Segment));   // eu and us tie and fall back to name order
        Assert.Equal(SegmentComparison.Labels, ranked[0].FarthestOn);
        // Whole: yes 110/300; apac: yes 0.9. JS distance by hand with natural logs.
        double p = 0.9, q = 110.0 / 300, m1 = (p + q) / 2, m2 = (2 - p - q) / 2;
        var expected = Math.Sqrt(0.5 * (p * Math.Log(p / m1) + (1 - p) * Math.Log((1 - p) / m2)) + 0.5 * (q * Math.Log(q / m1) + (1 - q) * Math.Log((1 - q) / m2)));
        Assert.Equal(expected, ranked[0].Distance, 12);
        Assert.Equal(0.9, ranked[0].LabelShares["yes"], 12);
        Assert.Equal(1.0 / 3, ranked[0].Share, 12);
    }

    [Fact]
    public void A_segment_with_the_same_labels_but_lower_confidence_is_far_on_confidence_and_the_confident_rate_follows_the_threshold()
    {
        var (whole, segments) = Split(("a", Cell(50, 50, 0.95)), ("b", Cell(50, 50, 0.55)));

        var ranked = SegmentComparison.Rank(whole, segments, 0.8);

        Assert.All(ranked, s => Assert.Equal(SegmentComparison.Confidence, s.FarthestOn));
        // Each segment's confidences sit in one bin, the whole's half in each: m = (¾, ¼) against the segment's (1, 0).
        var expected = Math.Sqrt(0.5 * (0.5 * Math.Log(0.5 / 0.75) + 0.5 * Math.Log(0.5 / 0.25)) + 0.5 * Math.Log(1 / 0.75));
        Assert.All(ranked, s => Assert.Equal(expected, s.Distance, 12));
        Assert.Equal(1.0, ranked.Single(s => s.Segment == "a").ConfidentRate);
        Assert.Equal(0.0, ranked.Single(s => s.Segment == "b").ConfidentRate);
    }

    [Fact]
    public void The_only_segment_equals_the_whole_and_is_at_distance_zero()
    {
        var (whole, segments) = Split(("only", Cell(3, 7, 0.7)));

        var ranked = SegmentComparison.Rank(whole, segments, 0.8);

        Assert.Equal(0, Assert.Single(ranked).Distance, 12);
        Assert.Equal(0.7, ranked[0].MeanConfidence!.Value, 12);
    }
}
