using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;
using OpsConsole.Scoring;

namespace OpsConsole.Review;

/// <summary>What a reviewer (or a product's user) says a prediction's label should be.</summary>
public sealed record ReviewRequest(string? Label, string? Note = null, string? Source = null);

public sealed record ReviewView(long Id, string PredictionId, string Model, int Version, string? Segment, DateTimeOffset PredictedAt, string? PredictedLabel,
    string Label, bool Changed, string Source, string? Note, DateTimeOffset ReviewedAt, string ReviewedBy);

/// <summary>
/// Records reviews. A review is kept as a row of its own (audited: who said which label, when) and as ground truth: an
/// outcome with the reviewed label, so realized accuracy counts what reviewers found, the latest outcome winning as
/// everywhere else. Shadow rows are not reviewable: no caller ever saw their label.
/// </summary>
public sealed class ReviewStore(OpsDbContext db, TimeProvider time)
{
    public const int MaxNote = 1000;

    public async Task<Outcome<ReviewView>> ReviewAsync(string predictionId, ReviewRequest request, string reviewedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var label = request.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 200) errors["label"] = ["Give the label the prediction should have had (1 to 200 characters)."];
        if (request.Note is { Length: > MaxNote }) errors["note"] = [$"A note is at most {MaxNote} characters."];
        var source = request.Source ?? ReviewSources.Reviewer;
        if (!ReviewSources.IsKnown(source)) errors["source"] = [$"Source is '{ReviewSources.Reviewer}' (a reviewer in the console) or '{ReviewSources.User}' (a user of the product)."];
        if (errors.Count > 0) return Outcome.Invalid<ReviewView>(errors);

        var prediction = await db.Predictions.AsNoTracking().Where(p => p.Id == predictionId)
            .Select(p => new { p.Model, p.Version, p.Segment, p.At, p.Label, p.ServedBy }).FirstOrDefaultAsync(cancellationToken);
        if (prediction is null)
            return Outcome.NotFound<ReviewView>($"There is no prediction '{predictionId}' in the log (a prediction scored a moment ago may still be queued; retry in a second).");
        if (prediction.ServedBy == "shadow")
            return Outcome.Conflict<ReviewView>("This is a shadow version's prediction, which no caller received; review the served prediction of the same request instead.");
        var labelsJson = await db.ModelVersions.AsNoTracking().Where(v => v.Model!.Name == prediction.Model && v.Version == prediction.Version)
            .Select(v => v.LabelsJson).FirstOrDefaultAsync(cancellationToken);
        var labels = labelsJson is null ? [] : RegistryJson.Read<List<string>>(labelsJson) ?? [];
        if (labels.Count > 0 && !labels.Contains(label!, StringComparer.Ordinal))
            return Outcome.Invalid<ReviewView>("label", $"'{label}' is not a label of {prediction.Model} v{prediction.Version}; it has: {string.Join(", ", labels)}.");

        var now = time.GetUtcNow();
        var review = new PredictionReview
        {
            PredictionId = predictionId, Model = prediction.Model, Version = prediction.Version, Segment = prediction.Segment, PredictedAt = prediction.At,
            PredictedLabel = prediction.Label, Label = label!, Changed = !string.Equals(label, prediction.Label, StringComparison.Ordinal), Source = source,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), ReviewedAt = now, ReviewedBy = reviewedBy,
        };
        db.PredictionReviews.Add(review);
        db.PredictionOutcomes.Add(new PredictionOutcome { PredictionId = predictionId, Label = label!, ReceivedAt = now, ReceivedBy = reviewedBy });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(View(review));
    }

    public static ReviewView View(PredictionReview r) =>
        new(r.Id, r.PredictionId, r.Model, r.Version, r.Segment, r.PredictedAt, r.PredictedLabel, r.Label, r.Changed, r.Source, r.Note, r.ReviewedAt, r.ReviewedBy);
}
