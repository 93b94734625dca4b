namespace OpsConsole.Monitoring;

static partial class MonitoringLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Refreshing the KPI gauges failed; /metrics keeps the last values")]
    public static partial void KpiGaugesFailed(ILogger logger, Exception exception);
}
