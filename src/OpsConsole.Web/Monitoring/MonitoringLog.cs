namespace OpsConsole.Monitoring;

static partial class MonitoringLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Writing {Count} serving-error counts failed; they are kept for the next flush: {Reason}")]
    public static partial void ErrorFlushFailed(ILogger logger, int count, string reason);
    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Refreshing the KPI gauges failed; /metrics keeps the last values")]
    public static partial void KpiGaugesFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Telling open pages that {Model}'s rollups changed failed: {Reason}")]
    public static partial void NoticeFailed(ILogger logger, string model, string reason);
}
