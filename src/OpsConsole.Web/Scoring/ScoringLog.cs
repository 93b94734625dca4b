namespace OpsConsole.Scoring;

static partial class ScoringLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Model} v{Version} failed to score; trying the next version: {Reason}")]
    public static partial void VersionFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Writing {Count} predictions failed (attempt {Attempt}); retrying: {Reason}")]
    public static partial void PredictionBatchRetry(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "{Count} predictions could not be written to the prediction log")]
    public static partial void PredictionBatchLost(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "{Model}: v{FailedVersion} could not serve ({Reason}); served by {ServedBy}. {Count} such requests since the last report")]
    public static partial void FellBack(ILogger logger, string model, int? failedVersion, string reason, string servedBy, long count);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Shadow scoring of {Model} v{Version} failed: {Reason}")]
    public static partial void ShadowFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Background scoring work failed for {Model}; it is skipped")]
    public static partial void BackgroundWorkFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error, Message = "Loading {Model} v{Version} failed")]
    public static partial void LoadFailed(ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "The shadow worker runs at normal priority, beside the requests it shadows: {Reason}")]
    public static partial void ShadowPriorityNotLowered(ILogger logger, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "{Count} shadow comparisons could not be written")]
    public static partial void ShadowBatchLost(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "{Count} shadow predictions could not be written to the prediction log")]
    public static partial void ShadowPredictionsLost(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Retention removed {Predictions} predictions, {Comparisons} shadow comparisons and {Outcomes} outcomes older than {Cutoff}")]
    public static partial void RetentionDone(ILogger logger, int predictions, int comparisons, int outcomes, DateTimeOffset cutoff);
}
