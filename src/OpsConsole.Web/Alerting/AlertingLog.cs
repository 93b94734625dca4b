namespace OpsConsole.Alerting;

static partial class AlertingLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Automatic rollback of {Model} for incident #{Number}: {Result}")]
    public static partial void AutomaticRollback(this ILogger logger, string model, int number, string result);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Evaluating alert rule {RuleId} failed; the other rules go on")]
    public static partial void RuleFailed(this ILogger logger, Exception exception, long ruleId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Alertmanager group {GroupKey}: {Status} with {Alerts} alerts (incident #{Number})")]
    public static partial void AlertmanagerGroup(this ILogger logger, string groupKey, string status, int alerts, int? number);
}
