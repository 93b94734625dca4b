namespace OpsConsole.Monitoring;

/// <summary>One segment's figures beside the whole's, and how far its outputs are from the whole's.</summary>
public sealed record SegmentFigures(string Segment, long Predictions, double Share, double? P95Ms, double? MeanConfidence, double? ConfidentRate,
    IReadOnlyDictionary<string, double> LabelShares, double Distance, string FarthestOn);

/// <summary>
/// Ranks segments by how far each one's outputs are from the whole's, so the cohort that broke while the average
/// looked fine comes first. The distance is the larger of two Jensen–Shannon distances (STATISTICS.md's <c>js</c>,
/// natural log, 0 for the same distribution up to √ln 2 for disjoint ones): the segment's predicted-label shares and
/// its confidence distribution, each against the whole's. <see cref="SegmentFigures.FarthestOn"/> says which one.
/// </summary>
public static class SegmentComparison
{
    public const string Labels = "labels";
    public const string Confidence = "confidence";

    public static IReadOnlyList<SegmentFigures> Rank(RollupCell whole, IReadOnlyDictionary<string, RollupCell> segments, double confidentAt)
    {
        var labels = whole.Labels.Keys.Order(StringComparer.Ordinal).ToList();
        return [.. segments.Select(s => Figures(s.Key, s.Value, whole, labels, confidentAt))
            .OrderByDescending(f => f.Distance).ThenByDescending(f => f.Predictions).ThenBy(f => f.Segment, StringComparer.Ordinal)];
    }

    static SegmentFigures Figures(string name, RollupCell segment, RollupCell whole, List<string> labels, double confidentAt)
    {
        var labelDistance = segment.Labels.Count == 0 || whole.Labels.Count == 0 ? 0
            : Distance([.. labels.Select(l => (double)segment.Labels.GetValueOrDefault(l))], [.. labels.Select(l => (double)whole.Labels.GetValueOrDefault(l))]);
        var confidenceDistance = segment.ConfidenceCount == 0 || whole.ConfidenceCount == 0 ? 0
            : Distance([.. segment.ConfidenceBins.Select(c => (double)c)], [.. whole.ConfidenceBins.Select(c => (double)c)]);
        var total = Math.Max(1, segment.Labels.Values.Sum());
        return new SegmentFigures(
            name, segment.Count, whole.Count == 0 ? 0 : (double)segment.Count / whole.Count,
            segment.Latency.Count == 0 ? null : segment.Latency.Quantile(0.95),
            segment.ConfidenceCount == 0 ? null : segment.ConfidenceSum / segment.ConfidenceCount,
            segment.ConfidenceCount == 0 ? null : (double)segment.ConfidentAtLeast(confidentAt) / segment.ConfidenceCount,
            segment.Labels.ToDictionary(l => l.Key, l => (double)l.Value / total, StringComparer.Ordinal),
            Math.Max(labelDistance, confidenceDistance), labelDistance >= confidenceDistance ? Labels : Confidence);
    }

    static double Distance(double[] segment, double[] whole) =>
        DriftStatistics.Js(new BinnedCounts([.. Enumerable.Range(0, segment.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], whole, segment));
}
