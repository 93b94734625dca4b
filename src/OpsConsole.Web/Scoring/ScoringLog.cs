namespace OpsConsole.Scoring;

static partial class ScoringLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Model} v{Version} failed to score; trying the next version: {Reason}")]
    public static partial void VersionFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Writing {Count} predictions failed (attempt {Attempt}); retrying: {Reason}")]
    public static partial void PredictionBatchRetry(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "{Count} predictions could not be written to the prediction log after 5 attempts")]
    public static partial void PredictionBatchLost(ILogger logger, int count, Exception exception);
}
