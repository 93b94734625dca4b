namespace OpsConsole.Training;

static partial class TrainingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Demo model {Model} seeded: v1 accuracy {V1Accuracy:0.000} in production, v2 accuracy {V2Accuracy:0.000} in shadow")]
    public static partial void DemoModelSeeded(this ILogger logger, string model, double v1Accuracy, double v2Accuracy);
}
