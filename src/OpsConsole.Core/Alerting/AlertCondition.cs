namespace OpsConsole.Alerting;

/// <summary>How a rule compares the watched figure with its threshold.</summary>
public enum Comparator { Above, AtLeast, Below, AtMost }

/// <summary>
/// Whether a rule's condition holds for one evaluation, before <see cref="AlertStateMachine"/> applies <c>for</c> and
/// keep-firing. A missing figure never holds (a window without data is the separate no-data condition), and a
/// proportion (error rate, correction rate, confident rate) holds only over at least a minimum denominator, so a quiet
/// window of three requests with one error cannot page anyone (STATISTICS.md: default 100).
/// </summary>
public static class AlertCondition
{
    public const long DefaultMinimumDenominator = 100;

    public static bool Holds(Comparator comparator, double threshold, double? value, long? denominator = null, long minimumDenominator = DefaultMinimumDenominator)
    {
        if (value is not { } v || !double.IsFinite(v)) return false;
        if (denominator is { } n && n < minimumDenominator) return false;
        return comparator switch
        {
            Comparator.Above => v > threshold,
            Comparator.AtLeast => v >= threshold,
            Comparator.Below => v < threshold,
            Comparator.AtMost => v <= threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, "Unknown comparator."),
        };
    }

    /// <summary>The no-data condition: nothing arrived for <paramref name="after"/> (or ever).</summary>
    public static bool NoData(DateTimeOffset? lastDataAt, TimeSpan after, DateTimeOffset now) => lastDataAt is not { } last || now - last >= after;
}
