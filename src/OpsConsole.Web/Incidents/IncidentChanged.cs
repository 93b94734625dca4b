namespace OpsConsole.Incidents;

/// <summary>Raised after any change to an incident (opened, status, note, step): open incident pages and lists redraw.</summary>
public sealed record IncidentChanged(int Number, string Kind, string Severity, string Status, bool IsDrill, string Actor);
