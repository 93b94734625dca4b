namespace OpsConsole.Platform;

/// <summary>Where a Redis backplane is configured, SignalR messages cross servers (see docs/operations.md).</summary>
public sealed class LiveEventsOptions
{
    public const string Section = "LiveEvents";
    public string RedisConnectionString { get; set; } = "";
}
