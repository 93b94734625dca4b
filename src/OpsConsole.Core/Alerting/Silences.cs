using System.Text.RegularExpressions;

namespace OpsConsole.Alerting;

/// <summary>How a matcher compares a label, as Alertmanager's matchers do: equal, not equal, regex, not regex.</summary>
public enum MatchOperator { Equal, NotEqual, Regex, NotRegex }

/// <summary>One label matcher; a regex must match the whole value (Alertmanager anchors them), and a missing label reads as empty.</summary>
public sealed record LabelMatcher(string Name, MatchOperator Operator, string Value)
{
    static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var value = labels.GetValueOrDefault(Name) ?? "";
        return Operator switch
        {
            MatchOperator.Equal => value == Value,
            MatchOperator.NotEqual => value != Value,
            MatchOperator.Regex => FullMatch(value) == true,
            MatchOperator.NotRegex => FullMatch(value) == false,
            _ => false,
        };
    }

    // A pathological pattern that runs past the timeout matches nothing either way: a silence must not hang evaluation.
    bool? FullMatch(string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>A problem with the matcher for a ProblemDetails answer, or null when it is sound.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name)) return "A matcher names a label.";
        if (Operator is not (MatchOperator.Regex or MatchOperator.NotRegex)) return null;
        try
        {
            _ = new Regex(Value, RegexOptions.None, RegexTimeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return $"'{Value}' is not a valid regular expression: {exception.Message}";
        }
    }
}

/// <summary>When a silence is in force: not yet (pending), now (active), or no longer (expired).</summary>
public enum SilenceState { Pending, Active, Expired }

/// <summary>A silence: matchers that must all match, a time window, and who set it and why.</summary>
public sealed record Silence(IReadOnlyList<LabelMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment)
{
    public SilenceState StateAt(DateTimeOffset now) => now < StartsAt ? SilenceState.Pending : now < EndsAt ? SilenceState.Active : SilenceState.Expired;

    /// <summary>Whether this silence mutes an alert with these labels now: active, and every matcher matches (a silence without matchers mutes nothing).</summary>
    public bool Mutes(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        StateAt(now) == SilenceState.Active && Matchers.Count > 0 && Matchers.All(m => m.Matches(labels));
}

/// <summary>
/// Inhibition as the console applies it: an open SEV1 incident on a model mutes alerts of lower severity on the same
/// model, so the people working the outage are not paged for its symptoms.
/// </summary>
public static class Inhibition
{
    public static bool Inhibited(string model, Severity severity, IEnumerable<(string Model, Severity Severity)> openIncidents) =>
        openIncidents.Any(i => i.Model == model && i.Severity == Severity.Sev1 && Severities.Outranks(i.Severity, severity));
}
