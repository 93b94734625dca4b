namespace OpsConsole.Scoring;

/// <summary>
/// Prediction ids: a version 7 UUID as 32 hex digits, so ids sort by creation time (the log's primary key stays
/// append-mostly) and are unique across servers without coordination.
/// </summary>
public static class PredictionIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
