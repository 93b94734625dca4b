namespace OpsConsole.Alerting;

/// <summary>A stored silence: label matchers, a window, and who set it and why (Alertmanager's silence).</summary>
public class AlertSilence
{
    public long Id { get; set; }
    public List<StoredMatcher> Matchers { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string CreatedBy { get; set; }
    public required string Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public Silence ToSilence() => new([.. Matchers.Select(m => new LabelMatcher(m.Name, m.Operator, m.Value))], StartsAt, EndsAt, CreatedBy, Comment);
}

/// <summary>A matcher as stored in the silence's JSON column.</summary>
public sealed record StoredMatcher(string Name, MatchOperator Operator, string Value);
