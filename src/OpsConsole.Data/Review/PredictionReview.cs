namespace OpsConsole.Review;

/// <summary>
/// A person's verdict on one logged prediction: the label it should have had, and whether that changed the model's.
/// A reviewer confirms or corrects in the console; a product's own users correct through the API (source "user"). The
/// prediction's model, version, segment, time and label are copied in when the review is made, so the correction-rate
/// KPI reads this small table alone, never the prediction log. Reviews are kept, never edited: a second review of the
/// same prediction is a new row, and the latest one is what the prediction's label now is.
/// </summary>
public class PredictionReview
{
    public long Id { get; set; }
    public required string PredictionId { get; set; }
    public required string Model { get; set; }
    public int Version { get; set; }
    public string? Segment { get; set; }
    public DateTimeOffset PredictedAt { get; set; }
    public string? PredictedLabel { get; set; }
    public required string Label { get; set; }

    /// <summary>True when <see cref="Label"/> differs from <see cref="PredictedLabel"/>: a correction, not a confirmation.</summary>
    public bool Changed { get; set; }

    /// <summary><see cref="ReviewSources"/>: a console reviewer, or a user of the product correcting through the API.</summary>
    public required string Source { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public required string ReviewedBy { get; set; }
}
