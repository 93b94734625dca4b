using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// How often one kind of serving error happened in one minute for one model version (and, for contract violations,
/// one feature). Rejected requests leave no prediction row, so these counts are kept beside the prediction rollups
/// rather than derived from the log. Derived data, not audited.
/// </summary>
[NotAudited]
public class ServiceErrorRollup
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public DateTimeOffset MinuteStart { get; set; }
    public required string Kind { get; set; }

    /// <summary>The feature a contract violation was about; empty for every other kind.</summary>
    public string Feature { get; set; } = "";
    public long Count { get; set; }
}
