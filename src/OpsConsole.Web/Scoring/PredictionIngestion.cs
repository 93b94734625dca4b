using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Scoring;

public sealed record IngestResponse(string Model, int Version, int Accepted, IReadOnlyList<string> PredictionIds);
public sealed record OutcomesResponse(int Accepted, int Matched);

/// <summary>How an ingestion call ended; <see cref="RetryAfterSeconds"/> is set for 429.</summary>
public sealed record IngestResult(IngestResponse? Response, Dictionary<string, string[]>? Errors, int Status, string? Problem, int? RetryAfterSeconds = null);

/// <summary>
/// Predictions, outcomes and flags from outside the console. Ingested predictions are acknowledged only once committed
/// (the durable path of <see cref="PredictionLogWriter"/>), so a 200 survives a crash; when the writer is behind,
/// the caller gets 429 with Retry-After instead of a wait or a silent drop. They are shadowed like served requests.
/// </summary>
public sealed class PredictionIngestion(
    ServingDirectory directory, PredictionLogWriter log, ShadowQueue shadows, OpsDbContext db, TimeProvider time)
{
    public const int RetryAfterSeconds = 1;

    public async Task<IngestResult> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var errors = IngestionRules.Check(request, time.GetUtcNow());
        if (errors.Count > 0) return new(null, errors, StatusCodes.Status400BadRequest, null);
        var plan = await directory.GetAsync(request.Model!, cancellationToken);
        if (plan is null) return new(null, new() { ["model"] = [$"There is no model named '{request.Model}'."] }, StatusCodes.Status400BadRequest, null);
        if (!plan.Versions.ContainsKey(request.Version!.Value))
            return new(null, new() { ["version"] = [$"'{request.Model}' has no version {request.Version}; register it first."] }, StatusCodes.Status400BadRequest, null);

        var rows = request.Predictions!.Select(p => new PredictionRecord
        {
            Id = PredictionIds.New(), Model = plan.Model, Version = request.Version.Value, ServedBy = "external", At = p.Timestamp!.Value,
            FeaturesJson = LogJson.Features(p.Features!), Label = p.Label,
            ProbabilitiesJson = LogJson.Probabilities(p.Probabilities),
            Confidence = p.Confidence, Value = p.Value, LatencyMs = p.LatencyMs ?? 0, Segment = p.Segment, RequestId = p.RequestId,
        }).ToList();
        var written = log.TryWriteDurablyAsync(rows);
        if (written is null)
            return new(null, null, StatusCodes.Status429TooManyRequests, "The prediction log is behind; nothing from this request was kept. Retry after the delay given.", RetryAfterSeconds);
        try
        {
            await written.WaitAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            return new(null, null, StatusCodes.Status503ServiceUnavailable, exception.Message + " Retry later.", RetryAfterSeconds * 5);
        }
        Shadow(plan, request, rows);
        return new(new IngestResponse(plan.Model, request.Version.Value, rows.Count, [.. rows.Select(r => r.Id)]), null, StatusCodes.Status200OK, null);
    }

    void Shadow(ServingPlan plan, IngestRequest request, List<PredictionRecord> rows)
    {
        var versions = plan.Shadows.Where(v => v != request.Version).ToList();
        if (versions.Count == 0) return;
        // Each segment is its own piece of shadow work, so comparisons keep the segment they came from.
        foreach (var group in request.Predictions!.Select((p, i) => (p, i)).GroupBy(x => x.p.Segment))
        {
            var items = group.ToList();
            shadows.Offer(new ShadowWork(plan.Model, request.Version!.Value, versions, rows[items[0].i].At, group.Key, items[0].p.RequestId,
                [.. items.Select(x => x.p.Features!)], null, [.. items.Select(x => (string?)rows[x.i].Id)],
                [.. items.Select(x => new RowPrediction(x.p.Label, x.p.Probabilities, x.p.Confidence, x.p.Value))],
                [.. items.Select(x => rows[x.i].FeaturesJson)], items.Average(x => x.p.LatencyMs ?? 0)));
        }
    }

    public async Task<(OutcomesResponse? Response, Dictionary<string, string[]>? Errors)> OutcomesAsync(OutcomesRequest request, string receivedBy, CancellationToken cancellationToken)
    {
        var errors = IngestionRules.Check(request);
        if (errors.Count > 0) return (null, errors);
        var now = time.GetUtcNow();
        var outcomes = request.Outcomes!.Select(o => new PredictionOutcome
        {
            PredictionId = string.IsNullOrWhiteSpace(o.PredictionId) ? null : o.PredictionId.Trim(),
            RequestId = string.IsNullOrWhiteSpace(o.RequestId) ? null : o.RequestId.Trim(),
            Label = o.Label!.Trim(), ReceivedAt = now, ReceivedBy = receivedBy,
        }).ToList();
        db.PredictionOutcomes.AddRange(outcomes);
        await db.SaveChangesAsync(cancellationToken);
        var ids = outcomes.Where(o => o.PredictionId is not null).Select(o => o.PredictionId!).Distinct().ToList();
        var requestIds = outcomes.Where(o => o.RequestId is not null).Select(o => o.RequestId!).Distinct().ToList();
        var knownIds = await db.Predictions.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        // Shadow rows carry the caller's request id too; the outcome is ground truth for what was served.
        var knownRequests = await db.Predictions.Where(p => p.RequestId != null && p.ServedBy != "shadow" && requestIds.Contains(p.RequestId)).Select(p => p.RequestId!).Distinct().ToListAsync(cancellationToken);
        var matched = outcomes.Count(o => (o.PredictionId is { } id && knownIds.Contains(id)) || (o.RequestId is { } r && knownRequests.Contains(r)));
        return (new OutcomesResponse(outcomes.Count, matched), null);
    }

    /// <summary>Null when there is no such prediction.</summary>
    public async Task<PredictionFlag?> FlagAsync(string predictionId, string reason, string flaggedBy, CancellationToken cancellationToken)
    {
        var model = await db.Predictions.Where(p => p.Id == predictionId).Select(p => p.Model).FirstOrDefaultAsync(cancellationToken);
        if (model is null) return null;
        var flag = new PredictionFlag { PredictionId = predictionId, Model = model, Reason = reason.Trim(), FlaggedAt = time.GetUtcNow(), FlaggedBy = flaggedBy };
        db.PredictionFlags.Add(flag);
        await db.SaveChangesAsync(cancellationToken);
        return flag;
    }
}
