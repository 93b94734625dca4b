using System.Globalization;
using MudBlazor;

namespace OpsConsole.Incidents;

/// <summary>How the incident pages say durations, severities, statuses and timeline kinds, in one place so every page agrees.</summary>
public static class IncidentFormat
{
    public static readonly IReadOnlyList<string> Severities = ["SEV1", "SEV2", "SEV3", "SEV4"];

    /// <summary>A response time as people say it: "45 s", "4 min 12 s", "5 min", "2 h 05 min", "3 d 4 h"; a dash until it is known.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s)) return "—";
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(s)));
        static string Pair(long big, string bigUnit, int small, string smallUnit, string format) =>
            small == 0 ? string.Create(CultureInfo.InvariantCulture, $"{big} {bigUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{big} {bigUnit} {small.ToString(format, CultureInfo.InvariantCulture)} {smallUnit}");
        return t.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s")
            : t.TotalHours < 1 ? Pair(t.Minutes, "min", t.Seconds, "s", "00")
            : t.TotalDays < 1 ? Pair(t.Hours, "h", t.Minutes, "min", "00")
            : Pair((long)t.TotalDays, "d", t.Hours, "h", "0");
    }

    public static Color SeverityColor(string severity) => severity switch
    {
        "SEV1" => Color.Error,
        "SEV2" => Color.Warning,
        "SEV3" => Color.Info,
        _ => Color.Default,
    };

    public static Color StatusColor(string status) => status switch
    {
        "triggered" => Color.Error,
        "acknowledged" => Color.Warning,
        "investigating" => Color.Info,
        "mitigated" => Color.Primary,
        _ => Color.Success,
    };

    /// <summary>The button that moves an incident to <paramref name="to"/>: a resolved incident goes back to investigating by being reopened.</summary>
    public static string ActionLabel(string from, string to) => (from, to) switch
    {
        ("resolved", _) => "Reopen",
        (_, "acknowledged") => "Acknowledge",
        (_, "investigating") => "Investigating",
        (_, "mitigated") => "Mitigated",
        (_, "resolved") => "Resolve",
        _ => to,
    };

    public static string ActionIcon(string from, string to) => (from, to) switch
    {
        ("resolved", _) => Icons.Material.Filled.Replay,
        (_, "acknowledged") => Icons.Material.Filled.PanTool,
        (_, "investigating") => Icons.Material.Filled.Search,
        (_, "mitigated") => Icons.Material.Filled.Healing,
        _ => Icons.Material.Filled.CheckCircle,
    };

    public static string KindIcon(string kind) => kind switch
    {
        TimelineKinds.Opened => Icons.Material.Filled.LocalFireDepartment,
        TimelineKinds.AlertFired => Icons.Material.Filled.NotificationsActive,
        TimelineKinds.AlertResolved => Icons.Material.Filled.NotificationsOff,
        TimelineKinds.Status => Icons.Material.Filled.SwapHoriz,
        TimelineKinds.Severity => Icons.Material.Filled.PriorityHigh,
        TimelineKinds.Assignment => Icons.Material.Filled.People,
        TimelineKinds.Rollback => Icons.Material.Filled.Undo,
        TimelineKinds.Promotion => Icons.Material.Filled.Upgrade,
        TimelineKinds.RunbookStep => Icons.Material.Filled.Checklist,
        TimelineKinds.StakeholderUpdate => Icons.Material.Filled.Campaign,
        TimelineKinds.Retraining => Icons.Material.Filled.ModelTraining,
        _ => Icons.Material.Filled.Notes,
    };

    public static Color KindColor(string kind) => kind switch
    {
        TimelineKinds.Opened or TimelineKinds.AlertFired or TimelineKinds.Rollback => Color.Error,
        TimelineKinds.Status or TimelineKinds.Severity => Color.Primary,
        TimelineKinds.AlertResolved or TimelineKinds.RunbookStep => Color.Success,
        _ => Color.Default,
    };

    /// <summary>The model's name in an incident's model list, which reads "name" or "name:v3".</summary>
    public static string ModelName(string entry) => entry.Split(':', 2)[0];
}
