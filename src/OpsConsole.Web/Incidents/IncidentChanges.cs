using OpsConsole.Incidents.Runbooks;

namespace OpsConsole.Incidents;

/// <summary>The changes the incident page offers, each a call on the incident stores.</summary>
public static class IncidentChanges
{
    public static IncidentChange Status(int number, string status, string? note) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().ChangeStatusAsync(number, status, string.IsNullOrWhiteSpace(note) ? null : note, revision, actor, ct);

    public static IncidentChange Note(int number, string text) => (services, actor, _, ct) =>
        services.GetRequiredService<IncidentStore>().AddNoteAsync(number, text, actor, ct);

    // An edit drafted over time (severity, people, the stakeholder update) carries the revision its draft began on, not
    // the page's latest: a live redraw meanwhile must turn someone else's change into a conflict, not into an overwrite.
    public static IncidentChange Severity(int number, string severity, int? draftedOn = null) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().ChangeSeverityAsync(number, severity, draftedOn ?? revision, actor, ct);

    public static IncidentChange People(int number, string? commander, IReadOnlyList<string> assignees, int? draftedOn = null) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().AssignAsync(number, commander, assignees, draftedOn ?? revision, actor, ct);

    public static IncidentChange Stakeholders(int number, string summary, int? draftedOn = null) => (services, actor, revision, ct) =>
        services.GetRequiredService<IncidentStore>().UpdateStakeholdersAsync(number, summary, draftedOn ?? revision, actor, ct);

    // A step carries no revision: ticking one leaves everyone else's edits valid (RunbookProgress).
    public static IncidentChange Step(int number, int index, bool done) => (services, actor, _, ct) =>
        services.GetRequiredService<RunbookProgress>().SetAsync(number, index, done, actor, ct);
}
