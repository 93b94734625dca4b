namespace OpsConsole.Monitoring;

/// <summary>One local day's counts: predictions, those that carry a confidence, and those at or above the threshold.</summary>
public sealed record DayCounts(DateOnly Day, long Volume, long WithConfidence, long Confident);

/// <summary>
/// A day's business KPIs: volume, the confident-prediction rate (confident / predictions that carry a confidence; null
/// without any), its baseline (pooled over the trailing 7 days that have data, not an average of daily rates) and the
/// change from it in percentage points.
/// </summary>
public sealed record DailyKpi(DateOnly Day, long Volume, long WithConfidence, long Confident, double? ConfidentRate, double? BaselineRate, double? ChangePoints);

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
            result.Add(new DailyKpi(day.Day, day.Volume, day.WithConfidence, day.Confident, rate, baseline,
                rate is { } r && baseline is { } b ? (r - b) * 100 : null));
        }
        return result;
    }
}
