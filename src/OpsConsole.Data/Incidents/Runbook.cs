namespace OpsConsole.Incidents;

/// <summary>One version of a runbook: Markdown with checklist steps. Editing adds a version; incidents keep the version they opened with.</summary>
public class Runbook
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string Markdown { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
