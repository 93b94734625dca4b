namespace OpsConsole.Incidents;

static partial class IncidentsLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Incident #{Number} opened: {Severity} from {Source} (drill: {IsDrill})")]
    public static partial void IncidentOpened(this ILogger logger, int number, string severity, string source, bool isDrill);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Notifying about incident #{Number} through {Notifier} failed; the incident stands")]
    public static partial void NotifierFailed(this ILogger logger, Exception exception, int number, string notifier);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Seeded runbook {Slug} v{Version}")]
    public static partial void RunbookSeeded(this ILogger logger, string slug, int version);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Recording {Model} v{Version}'s stage change in its open incidents failed")]
    public static partial void DeploymentNotRecorded(this ILogger logger, Exception exception, string model, int version);
}
