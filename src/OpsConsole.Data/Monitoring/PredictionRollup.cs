using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// One minute (or, once compacted, one hour) of one model version and segment: what the monitoring pages read instead
/// of the prediction log. Maintained by the prediction-log writer in the same transaction as the rows it counts, and
/// merged into hour cells by the compaction job after a retention period. Derived data, not audited.
/// </summary>
[NotAudited]
public class PredictionRollup
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public string Segment { get; set; } = "";
    public DateTimeOffset MinuteStart { get; set; }

    /// <summary>How many minutes from <see cref="MinuteStart"/> the cell covers: 1, or 60 once compacted into its hour.</summary>
    public int Minutes { get; set; } = 1;
    public long Count { get; set; }
    public string LatencyJson { get; set; } = "{}";
    public double ConfidenceSum { get; set; }
    public long ConfidenceCount { get; set; }
    public string LabelsJson { get; set; } = "{}";
    public string ServedByJson { get; set; } = "{}";
    public string ConfidenceBinsJson { get; set; } = "[]";

    /// <summary>Model run time of the minute's predictions, in ms: what the cost per 1,000 predictions is computed from.</summary>
    public double InferenceMs { get; set; }
}
