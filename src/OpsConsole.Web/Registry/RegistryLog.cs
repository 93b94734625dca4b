namespace OpsConsole.Registry;

static partial class RegistryLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Artifact of {Model} v{Version} failed verification: expected {Expected}, found {Actual}; the version is marked broken")]
    public static partial void ArtifactTampered(this ILogger logger, string model, int version, string expected, string actual);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Registered {Model} v{Version} ({Bytes} bytes, sha256 {Sha256})")]
    public static partial void VersionRegistered(this ILogger logger, string model, int version, long bytes, string sha256);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Model} v{Version} moved from {From} to {To} by {Actor}")]
    public static partial void StageChanged(this ILogger logger, string model, int version, string from, string to, string actor);
}
