using OpsConsole.Monitoring;

namespace OpsConsole.Scoring;

public sealed record LatencySummary(double P50Ms, double P95Ms, double P99Ms, double MeanMs);
public sealed record SegmentAgreement(string Segment, int Samples, double Agreement);
public sealed record AgreementPoint(DateTimeOffset Start, int Samples, double Agreement);
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>
/// How a shadow version compares with production on the same rows: what a lead reads before promoting it, and what the
/// promotion gate checks (<see cref="Samples"/>, <see cref="Agreement"/>, <see cref="LatencyRatio"/>).
/// </summary>
public sealed record ShadowReport(
    int Samples, double Agreement, double? CohensKappa, double? MeanAbsDeltaConfidence, double? P95AbsDeltaConfidence,
    LatencySummary PrimaryLatency, LatencySummary ShadowLatency, double? LatencyRatio,
    IReadOnlyList<SegmentAgreement> Segments, IReadOnlyList<AgreementPoint> OverTime, IReadOnlyList<HistogramBin> DeltaConfidence)
{
    public const int DeltaBins = 20;
    public const string NoSegment = "(none)";

    /// <summary>
    /// Builds the report. Percentiles of |Δconfidence| are exact (type 7); latency percentiles come from a 1 % log-bucket
    /// histogram as every latency figure does (STATISTICS.md). The latency ratio is shadow p50 / primary p50, the median
    /// being robust to the odd slow row, and null when production's latency is 0 (ingested rows sent none); κ is Cohen's kappa over classifier rows, null when chance agreement is 1.
    /// Time buckets start at multiples of <paramref name="bucket"/> since the Unix epoch. Null when there is no sample.
    /// </summary>
    public static ShadowReport? Build(IReadOnlyCollection<ShadowSample> samples, TimeSpan bucket)
    {
        if (samples.Count == 0) return null;
        if (bucket <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(bucket), "The time bucket must be positive.");
        var agreeing = samples.Count(s => s.Agrees);
        var deltas = samples.Select(s => s.AbsDeltaConfidence).OfType<double>().Order().ToList();
        var primary = Latency(samples.Select(s => s.PrimaryLatencyMs));
        var shadow = Latency(samples.Select(s => s.ShadowLatencyMs));
        var segments = samples.GroupBy(s => s.Segment ?? NoSegment, StringComparer.Ordinal)
            .Select(g => new SegmentAgreement(g.Key, g.Count(), (double)g.Count(s => s.Agrees) / g.Count()))
            .OrderByDescending(g => g.Samples).ThenBy(g => g.Segment, StringComparer.Ordinal).ToList();
        var ticks = bucket.Ticks;
        var overTime = samples.GroupBy(s => s.At.UtcTicks - ((s.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % ticks + ticks) % ticks)
            .OrderBy(g => g.Key)
            .Select(g => new AgreementPoint(new DateTimeOffset(g.Key, TimeSpan.Zero), g.Count(), (double)g.Count(s => s.Agrees) / g.Count()))
            .ToList();
        return new ShadowReport(
            samples.Count, (double)agreeing / samples.Count, KappaOf(samples),
            deltas.Count == 0 ? null : deltas.Average(), deltas.Count == 0 ? null : Quantiles.Type7(deltas, 0.95),
            primary, shadow, primary.P50Ms > 0 ? shadow.P50Ms / primary.P50Ms : null,
            segments, overTime, Bins(deltas));
    }

    /// <summary>Cohen's κ = (p_o − p_e)/(1 − p_e) over rows where both sides gave a label; null without such rows or when p_e = 1.</summary>
    public static double? KappaOf(IEnumerable<ShadowSample> samples)
    {
        var labelled = samples.Where(s => s.PrimaryLabel is not null && s.ShadowLabel is not null).ToList();
        if (labelled.Count == 0) return null;
        double n = labelled.Count;
        var observed = labelled.Count(s => s.PrimaryLabel == s.ShadowLabel) / n;
        var primaryShares = labelled.GroupBy(s => s.PrimaryLabel!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() / n, StringComparer.Ordinal);
        var chance = labelled.GroupBy(s => s.ShadowLabel!, StringComparer.Ordinal).Sum(g => g.Count() / n * primaryShares.GetValueOrDefault(g.Key));
        return chance >= 1 - 1e-12 ? null : (observed - chance) / (1 - chance);
    }

    static LatencySummary Latency(IEnumerable<double> values)
    {
        var histogram = new LogBucketHistogram();
        foreach (var v in values) histogram.Add(Math.Max(0, v));
        return new LatencySummary(histogram.Quantile(0.5), histogram.Quantile(0.95), histogram.Quantile(0.99), histogram.Mean);
    }

    // |Δconfidence| lies in [0, 1]: equal-width bins, the last one closed so a delta of exactly 1 is counted.
    static List<HistogramBin> Bins(List<double> deltas)
    {
        if (deltas.Count == 0) return [];
        var counts = new int[DeltaBins];
        foreach (var d in deltas) counts[Math.Clamp((int)(d * DeltaBins), 0, DeltaBins - 1)]++;
        return [.. counts.Select((c, i) => new HistogramBin((double)i / DeltaBins, (double)(i + 1) / DeltaBins, c))];
    }
}
