namespace OpsConsole.Incidents;

/// <summary>
/// One line of an incident's timeline, written by whatever acted (an alert, a person, a rollback) at the moment it
/// acted. Entries are only ever added: the timeline is the record a postmortem is written from.
/// </summary>
public class IncidentTimelineEntry
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What happened, one of <see cref="TimelineKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public required string Text { get; set; }
}
