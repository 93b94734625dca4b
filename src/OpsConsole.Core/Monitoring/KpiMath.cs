namespace OpsConsole.Monitoring;

/// <summary>
/// One local day's counts: predictions, those that carry a confidence, and those at or above the threshold; and the
/// predictions reviewed that day and how many of those had their label changed.
/// </summary>
public sealed record DayCounts(DateOnly Day, long Volume, long WithConfidence, long Confident, long Reviewed = 0, long Corrected = 0);

/// <summary>
/// A day's business KPIs: volume, the confident-prediction rate (confident / predictions that carry a confidence; null
/// without any), its baseline (pooled over the trailing 7 days that have data, not an average of daily rates) and the
/// change from it in percentage points; and the correction rate (changed / reviewed, null without reviews) with its
/// denominator, its 95 % Wilson interval, and its own pooled baseline and change.
/// </summary>
public sealed record DailyKpi(DateOnly Day, long Volume, long WithConfidence, long Confident, double? ConfidentRate, double? BaselineRate, double? ChangePoints,
    long Reviewed = 0, long Corrected = 0, double? CorrectionRate = null, ProportionInterval? CorrectionInterval = null, double? CorrectionBaselineRate = null,
    double? CorrectionChangePoints = null);

public static class KpiMath
{
    public const int BaselineDays = 7;

    /// <summary>The confidence threshold τ of the confident-prediction rate when none is asked for.</summary>
    public const double DefaultThreshold = 0.8;

    /// <summary>The calendar day a UTC instant falls on in <paramref name="zone"/>; DST changes move the boundary, not the count.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant a local calendar day begins in <paramref name="zone"/> (its midnight, at that day's offset).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>STATISTICS.md's confident-prediction rate: confidences ≥ τ over all confidences; null when there are none.</summary>
    public static double? ConfidentRate(long confident, long withConfidence) => withConfidence == 0 ? null : (double)confident / withConfidence;

    /// <summary>
    /// STATISTICS.md's correction rate: reviewed predictions whose label was changed over reviewed predictions; null when
    /// nothing was reviewed (a quiet queue is not a perfect model).
    /// </summary>
    public static double? CorrectionRate(long corrected, long reviewed) => reviewed == 0 ? null : (double)corrected / reviewed;

    /// <summary>
    /// Reviewed and corrected counts of a set of reviews: each prediction counts once, judged by its latest review (the
    /// highest <c>Order</c>), so a correction later confirmed back to the model's label is not a correction.
    /// </summary>
    public static (long Reviewed, long Corrected) ReviewCounts(IEnumerable<(string PredictionId, long Order, bool Changed)> reviews)
    {
        var latest = new Dictionary<string, (long Order, bool Changed)>(StringComparer.Ordinal);
        foreach (var (id, order, changed) in reviews)
        {
            if (!latest.TryGetValue(id, out var seen) || order > seen.Order) latest[id] = (order, changed);
        }
        return (latest.Count, latest.Values.Count(v => v.Changed));
    }

    /// <summary>KPIs per day, in day order, each with the pooled baseline of the <see cref="BaselineDays"/> days before it.</summary>
    public static IReadOnlyList<DailyKpi> Daily(IEnumerable<DayCounts> days)
    {
        var ordered = days.OrderBy(d => d.Day).ToList();
        var result = new List<DailyKpi>(ordered.Count);
        foreach (var day in ordered)
        {
            var window = ordered.Where(d => d.Day < day.Day && d.Day >= day.Day.AddDays(-BaselineDays)).ToList();
            var rate = ConfidentRate(day.Confident, day.WithConfidence);
            var baseline = ConfidentRate(window.Sum(d => d.Confident), window.Sum(d => d.WithConfidence));
            var correction = CorrectionRate(day.Corrected, day.Reviewed);
            var correctionBaseline = CorrectionRate(window.Sum(d => d.Corrected), window.Sum(d => d.Reviewed));
            result.Add(new DailyKpi(day.Day, day.Volume, day.WithConfidence, day.Confident, rate, baseline, Points(rate, baseline),
                day.Reviewed, day.Corrected, correction, WilsonInterval.Of(day.Corrected, day.Reviewed), correctionBaseline, Points(correction, correctionBaseline)));
        }
        return result;
    }

    static double? Points(double? rate, double? baseline) => rate is { } r && baseline is { } b ? (r - b) * 100 : null;
}
