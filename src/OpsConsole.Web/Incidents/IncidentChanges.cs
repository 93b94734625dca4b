using OpsConsole.Incidents.Runbooks;

namespace OpsConsole.Incidents;

/// <summary>The changes the incident page offers, each a call on the incident stores.</summary>
public static class IncidentChanges
{
    public static IncidentChange Status(int number, string status, string? note) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().ChangeStatusAsync(number, status, string.IsNullOrWhiteSpace(note) ? null : note, revision, actor, ct);

    public static IncidentChange Note(int number, string text) => (services, actor, _, ct) =>
        services.GetRequiredService<IncidentStore>().AddNoteAsync(number, text, actor, ct);

    public static IncidentChange Severity(int number, string severity) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().ChangeSeverityAsync(number, severity, revision, actor, ct);

    public static IncidentChange People(int number, string? commander, IReadOnlyList<string> assignees) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().AssignAsync(number, commander, assignees, revision, actor, ct);

    public static IncidentChange Stakeholders(int number, string summary) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().UpdateStakeholdersAsync(number, summary, revision, actor, ct);

    // A step carries no revision: ticking one leaves everyone else's edits valid (RunbookProgress).
    public static IncidentChange Step(int number, int index, bool done) => (services, actor, _, ct) =>
        services.GetRequiredService<RunbookProgress>().SetAsync(number, index, done, actor, ct);
}
