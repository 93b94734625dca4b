namespace OpsConsole.Platform;

static partial class PlatformLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "A live-event handler for {EventType} failed")]
    public static partial void LiveEventHandlerFailed(this ILogger logger, Exception exception, string eventType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Database {Provider} ready; data directory {DataDirectory}")]
    public static partial void DatabaseReady(this ILogger logger, DatabaseProvider provider, string dataDirectory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Heartbeat {Beats} from {Server}")]
    public static partial void HeartbeatRecorded(this ILogger logger, int beats, string server);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Notification {NotificationId} sent to {Audience}")]
    public static partial void NotificationSent(this ILogger logger, long notificationId, string audience);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception exception, string path);
}
