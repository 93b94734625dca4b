namespace OpsConsole.Monitoring;

/// <summary>
/// The time range a monitoring page shows and the step its charts are drawn at: the shortest step from a fixed ladder
/// of whole-minute steps that keeps the range within <see cref="MaxPoints"/> points, so a chart stays readable and its
/// query stays small whatever range is picked.
/// </summary>
public sealed record ChartRange(DateTimeOffset From, DateTimeOffset To, int StepMinutes)
{
    public const int MaxPoints = 360;

    static readonly int[] Steps = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10080];

    public TimeSpan Length => To - From;

    /// <summary>The range ending now, e.g. the last 24 hours.</summary>
    public static ChartRange Last(TimeSpan length, DateTimeOffset now) => Between(now - length, now);

    public static ChartRange Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) throw new ArgumentException("A range ends after it starts.", nameof(to));
        return new ChartRange(from, to, StepFor(to - from));
    }

    public static int StepFor(TimeSpan length)
    {
        var minutes = Math.Max(1, length.TotalMinutes);
        return Steps.FirstOrDefault(s => minutes / s <= MaxPoints, Steps[^1]);
    }

    /// <summary>
    /// The same range at a step of at least an hour when it reaches into time whose rollups are compacted into hours
    /// (before <paramref name="compactedBefore"/>): finer steps there would pile each hour into one step and leave the others empty.
    /// </summary>
    public ChartRange CoarseWhereCompacted(DateTimeOffset compactedBefore) => From < compactedBefore && StepMinutes < 60 ? this with { StepMinutes = 60 } : this;

    /// <summary>"5 min", "1 h", "1 d": how a step reads in a chart title.</summary>
    public static string Describe(int stepMinutes) => stepMinutes switch
    {
        >= 1440 when stepMinutes % 1440 == 0 => $"{stepMinutes / 1440} d",
        >= 60 when stepMinutes % 60 == 0 => $"{stepMinutes / 60} h",
        _ => $"{stepMinutes} min",
    };
}
