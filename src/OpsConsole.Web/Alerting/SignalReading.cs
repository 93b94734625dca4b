namespace OpsConsole.Alerting;

/// <summary>
/// One figure a rule judges, for one scope: the value (null when the window has none), the denominator of a
/// proportion, when the scope last had data (for the no-data condition), and a sentence for the timeline.
/// <see cref="IsGone"/> marks a scope the rule no longer reads at all: its condition fails, no-data included.
/// </summary>
public sealed record SignalReading(IReadOnlyDictionary<string, string> Labels, double? Value, long? Denominator, DateTimeOffset? LastDataAt, string Summary,
    bool IsGone = false);
