using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// A version's own drift reference, kept beside it: today the trainer's holdout rows (<c>Source</c> =
/// <c>training-holdout</c>), stored when the trained version is registered. <see cref="RowCount"/> counts the whole
/// holdout; <see cref="Rows"/> holds it, or a uniform sample of the drift code's size when it is larger.
/// </summary>
[NotAudited]   // derived from the training run, whose version row is audited; auditing it would copy every holdout row into the log
public class ReferenceProfile
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long RowCount { get; set; }
    public List<ReferenceProfileRow> Rows { get; set; } = [];
}
