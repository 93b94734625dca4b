using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// One run of the drift job for one model version: both windows, the dataset verdict and every column's figures (as
/// JSON, read whole). Appended on schedule so drift is seen over time; computed figures, not a state change, so not
/// audited.
/// </summary>
[NotAudited]
public class DriftSnapshot
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public DateTimeOffset ReferenceFrom { get; set; }
    public DateTimeOffset ReferenceTo { get; set; }
    public long ReferenceRows { get; set; }

    /// <summary><c>training-holdout</c> or <c>window</c>; for a holdout both reference times are the profile's creation.</summary>
    public string ReferenceSource { get; set; } = "window";
    public DateTimeOffset CurrentFrom { get; set; }
    public DateTimeOffset CurrentTo { get; set; }
    public long CurrentRows { get; set; }
    public double DriftShare { get; set; }
    public bool DatasetDrift { get; set; }
    public string ColumnsJson { get; set; } = "[]";
}
