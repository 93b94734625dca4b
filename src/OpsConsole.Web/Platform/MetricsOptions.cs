namespace OpsConsole.Platform;

/// <summary>Whether Prometheus may scrape without a key (only on a private network).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public bool AllowAnonymous { get; set; }
}
