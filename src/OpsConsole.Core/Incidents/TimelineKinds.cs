namespace OpsConsole.Incidents;

/// <summary>The kinds of timeline entry, as stored and sent to the UI and API.</summary>
public static class TimelineKinds
{
    public const string Opened = "opened";
    public const string AlertFired = "alert-fired";
    public const string AlertResolved = "alert-resolved";
    public const string Status = "status";
    public const string Severity = "severity";
    public const string Assignment = "assignment";
    public const string Rollback = "rollback";
    public const string Promotion = "promotion";
    public const string RunbookStep = "runbook-step";
    public const string Note = "note";
    public const string StakeholderUpdate = "stakeholder-update";
    public const string Retraining = "retraining";
}
