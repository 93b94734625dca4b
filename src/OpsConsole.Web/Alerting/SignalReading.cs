namespace OpsConsole.Alerting;

/// <summary>
/// One figure a rule judges, for one scope: the value (null when the window has none), the denominator of a
/// proportion, when the scope last had data (for the no-data condition), and a sentence for the timeline.
/// </summary>
public sealed record SignalReading(IReadOnlyDictionary<string, string> Labels, double? Value, long? Denominator, DateTimeOffset? LastDataAt, string Summary);
