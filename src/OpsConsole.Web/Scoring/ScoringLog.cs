namespace OpsConsole.Scoring;

static partial class ScoringLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Model} v{Version} failed to score; trying the next version: {Reason}")]
    public static partial void VersionFailed(ILogger logger, string model, int version, string reason);
}
