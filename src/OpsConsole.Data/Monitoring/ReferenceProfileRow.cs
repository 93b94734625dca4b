using OpsConsole.Platform;

namespace OpsConsole.Monitoring;

/// <summary>
/// One reference row in the prediction log's shape (the inputs as JSON, the predicted label and its confidence), so the
/// drift code reads a profile and a production window alike. <see cref="Ordinal"/> keeps the rows' order, which
/// data-driven thresholds cut into chunks.
/// </summary>
[NotAudited]
public class ReferenceProfileRow
{
    public long ProfileId { get; set; }
    public int Ordinal { get; set; }
    public string FeaturesJson { get; set; } = "{}";
    public string? Label { get; set; }
    public double? Confidence { get; set; }
}
