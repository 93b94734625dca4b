using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OpsConsole.Scoring;

/// <summary>How a records-form request ended: answered, refused for the caller to fix (400 with errors), or a problem (status and reason).</summary>
public sealed record RecordScoreResult(ScoreResponse? Response, Dictionary<string, string[]>? Errors, int Status, string? Problem)
{
    public static RecordScoreResult Ok(ScoreResponse response) => new(response, null, StatusCodes.Status200OK, null);
    public static RecordScoreResult Invalid(Dictionary<string, string[]> errors) => new(null, errors, StatusCodes.Status400BadRequest, null);
    public static RecordScoreResult Fail(int status, string problem) => new(null, null, status, problem);
}

/// <summary>
/// The records form of scoring, used by the API, the "try it" panel and the traffic simulator alike: checks records
/// against the contract of the version chosen first, serves them along the model's chain (canary share, production,
/// previous production, then the model's default rule), logs every prediction and hands the request to the shadows.
/// </summary>
public sealed class RecordScorer(
    ServingDirectory directory, ModelHost host, PredictionLogWriter log, ShadowQueue shadows, ScoringMetrics metrics, LiveTraffic traffic,
    IServiceScopeFactory scopes, IOptions<ScoringOptions> options, TimeProvider time, ILogger<RecordScorer> logger)
{
    /// <summary>
    /// Scores records. <paramref name="injectedDelay"/> is a drill's latency spike, passed only by the in-process
    /// simulator: it is added to the measured latency rather than slept, so the simulator's one send loop keeps every
    /// model's pace while one model is drilled.
    /// </summary>
    public async Task<RecordScoreResult> ScoreAsync(string model, ScoreRequest request, CancellationToken cancellationToken, TimeSpan? injectedDelay = null)
    {
        var started = time.GetTimestamp() - (injectedDelay is { } delay && delay > TimeSpan.Zero ? (long)(delay.TotalSeconds * time.TimestampFrequency) : 0);
        if (Limits(request) is { Count: > 0 } tooLong) return RecordScoreResult.Invalid(tooLong);
        var plan = await directory.GetAsync(model, cancellationToken);
        if (plan is null) return RecordScoreResult.Fail(StatusCodes.Status404NotFound, $"There is no model named '{model}'.");
        var chain = plan.ChainFor(request.RequestId ?? PredictionIds.New());
        if (chain.Count == 0) return RecordScoreResult.Fail(StatusCodes.Status503ServiceUnavailable, $"'{model}' has no version in production.");

        // Records are checked against the contract of the version chosen first: the one the caller is served by normally.
        var first = plan.Versions[chain[0].Version];
        if (first.FeatureSchema.Count == 0)
            return RecordScoreResult.Fail(StatusCodes.Status409Conflict, $"{model} v{first.Version} has no data contract, so records cannot be checked; give it one or use the V2 tensor form.");
        var records = request.Records ?? [];
        var violations = RecordRules.Violations(first.FeatureSchema, records);
        foreach (var v in violations.Where(v => v.Record >= 0 && v.Feature.Length > 0)) metrics.Violation(model, first.Version, v.Feature, v.Kind);
        IReadOnlyList<string>[]? imputed = null;
        if (violations.Count > 0)
        {
            // A batch problem or a null record cannot be repaired, whatever the policy.
            if (plan.Policy.InvalidRecords == InvalidRecordPolicy.Reject || violations.Any(v => v.Record < 0 || v.Feature.Length == 0))
            {
                traffic.Rejected(model);
                metrics.Rejected(model, first.Version);
                return RecordScoreResult.Invalid(RecordRules.ToErrors(violations));
            }
            imputed = new IReadOnlyList<string>[records.Count];
            var repaired = new List<Dictionary<string, JsonElement>>(records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                var (record, names) = RecordImputer.Impute(first.FeatureSchema, records[i]);
                repaired.Add(record);
                imputed[i] = names;
            }
            records = repaired;
        }

        var timeout = TimeSpan.FromMilliseconds(plan.Policy.TimeoutMs ?? options.Value.DefaultTimeoutMs);
        (string Kind, string Text)? firstFailure = null;
        var failures = new List<string>();
        foreach (var candidate in chain)
        {
            var attempt = await TryAsync(plan, candidate, candidate == chain[0], records, timeout, cancellationToken);
            if (attempt.Conflict is { } conflict) return RecordScoreResult.Fail(StatusCodes.Status409Conflict, conflict);
            if (attempt.Rows is { } rows)
            {
                var response = await AnswerAsync(plan, candidate, request, records, rows, imputed, firstFailure?.Text, attempt.RunMs, started, cancellationToken);
                if (firstFailure is { } f) metrics.FellBack(model, chain[0].Version, f.Kind, f.Text, candidate.ServedBy, candidate.Version);
                return RecordScoreResult.Ok(response);
            }
            firstFailure ??= attempt.Failure;
            failures.Add(attempt.Failure!.Value.Text);
        }

        var (kind, text) = firstFailure!.Value;
        if (plan.Policy.FallbackLabel is { } label)
        {
            metrics.FellBack(model, chain[0].Version, kind, text, "default", null);
            var rows = records.Select(_ => new RowPrediction(label, null, null, null)).ToList();
            return RecordScoreResult.Ok(await AnswerAsync(plan, new ServingCandidate(0, "fallback"), request, records, rows, imputed,
                $"No version could serve ({string.Join("; ", failures)}); answered with the model's default label.", 0, started, cancellationToken));
        }
        metrics.FellBack(model, chain[0].Version, kind, text, null, null);
        traffic.Failed(model);
        metrics.Error(model, chain[0].Version, "failed");
        return RecordScoreResult.Fail(StatusCodes.Status503ServiceUnavailable,
            $"No version of {model} could serve this request: {string.Join("; ", failures)}. Configure a default label in the model's serving policy to answer anyway.");
    }

    sealed record Attempt(IReadOnlyList<RowPrediction>? Rows, double RunMs, (string Kind, string Text)? Failure, string? Conflict);

    /// <summary>One version's try: its predictions, or why it could not serve (kind for the metric label, text for people).</summary>
    async Task<Attempt> TryAsync(ServingPlan plan, ServingCandidate candidate, bool isFirst, IReadOnlyList<Dictionary<string, JsonElement>> records,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var version = plan.Versions[candidate.Version];
        // A fallback version has its own contract: records it cannot take must not be scored with zeros in their place.
        if (!isFirst && RecordRules.Violations(version.FeatureSchema, records).Count > 0)
            return new(null, 0, ("contract", $"v{candidate.Version}: the records break its data contract"), null);
        var (hosted, loadError) = await host.GetAsync(plan.Model, candidate.Version, cancellationToken);
        if (hosted is null) return new(null, 0, ("unavailable", $"v{candidate.Version}: {loadError}"), null);
        var (inputs, mappingError) = RecordScoring.ToInputs(hosted, version.FeatureSchema, records);
        if (inputs is null)
            return isFirst ? new(null, 0, null, mappingError) : new(null, 0, ("contract", $"v{candidate.Version}: {mappingError}"), null);
        var ran = time.GetTimestamp();
        var (outputs, kind, runError) = SessionRunner.Run(hosted, inputs, timeout, time);
        var runMs = time.GetElapsedTime(ran).TotalMilliseconds;
        if (outputs is null)
        {
            var failure = kind == RunFailure.Timeout ? ("timeout", $"timeout: {runError}") : ("fault", runError!);
            ScoringLog.VersionFailed(logger, plan.Model, candidate.Version, failure.Item2);
            return new(null, runMs, failure, null);
        }
        using (outputs) return new(PredictionReader.Read([.. outputs], version.Labels), runMs, null, null);
    }

    static Dictionary<string, string[]> Limits(ScoreRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Segment is { Length: > PredictionLimits.SegmentLength }) errors["segment"] = [$"A segment is at most {PredictionLimits.SegmentLength} characters."];
        if (request.RequestId is { Length: > PredictionLimits.RequestIdLength }) errors["requestId"] = [$"A request id is at most {PredictionLimits.RequestIdLength} characters."];
        return errors;
    }

    async Task<ScoreResponse> AnswerAsync(ServingPlan plan, ServingCandidate served, ScoreRequest request, IReadOnlyList<Dictionary<string, JsonElement>> records,
        IReadOnlyList<RowPrediction> rows, IReadOnlyList<string>[]? imputed, string? fallbackReason, double runMs, long started, CancellationToken cancellationToken)
    {
        var isDefault = served.Version == 0;
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        var perRow = elapsed / Math.Max(1, rows.Count);
        double? inferencePerRow = isDefault ? null : runMs / Math.Max(1, rows.Count);
        var at = time.GetUtcNow();
        var predictions = new List<ScoredPrediction>(rows.Count);
        var features = new List<string>(rows.Count);
        var ids = new List<string?>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var id = PredictionIds.New();
            var json = LogJson.Features(records[i]);
            var repaired = imputed?[i] is { Count: > 0 } names ? names : null;
            predictions.Add(new ScoredPrediction(id, row.Label, row.Probabilities, row.Confidence, row.Value, repaired));
            features.Add(json);
            ids.Add(id);
            await log.EnqueueAsync(new PredictionRecord
            {
                Id = id, Model = plan.Model, Version = served.Version, ServedBy = isDefault ? "default" : served.ServedBy, At = at, FeaturesJson = json,
                Label = PredictionLimits.Clip(row.Label), ProbabilitiesJson = LogJson.Probabilities(row.Probabilities),
                Confidence = row.Confidence, Value = row.Value, LatencyMs = perRow, InferenceMs = inferencePerRow, Segment = request.Segment, RequestId = request.RequestId,
            }, cancellationToken);
        }
        if (imputed is not null) await FlagImputedAsync(plan.Model, predictions, at, cancellationToken);
        traffic.Served(plan.Model, isDefault ? "default" : served.ServedBy, rows.Count, elapsed, fallbackReason is not null);
        if (!isDefault)
        {
            metrics.Served(plan.Model, served.Version, served.ServedBy, rows.Count, elapsed);
            var shadowVersions = plan.Shadows.Where(v => v != served.Version).ToList();
            if (shadowVersions.Count > 0)
                // The primary's latency for comparison is its model run alone, measured as the shadow's is.
                shadows.Offer(new ShadowWork(plan.Model, served.Version, shadowVersions, at, request.Segment, request.RequestId, records, null, ids, rows, features, runMs / Math.Max(1, rows.Count)));
        }
        return new ScoreResponse(plan.Model, isDefault ? null : served.Version, served.ServedBy, predictions, fallbackReason);
    }

    // An imputed prediction was made from values nobody sent: it goes to the review queue with the features named.
    async Task FlagImputedAsync(string model, List<ScoredPrediction> predictions, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var flags = predictions.Where(p => p.Imputed is { Count: > 0 }).Select(p => new PredictionFlag
        {
            PredictionId = p.PredictionId, Model = model, Reason = "Scored with imputed values for: " + string.Join(", ", p.Imputed!), FlaggedAt = at, FlaggedBy = "scoring",
        }).ToList();
        if (flags.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Identity.AuditActor>().UseSystem("system:scoring");
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        db.PredictionFlags.AddRange(flags);
        await db.SaveChangesAsync(cancellationToken);
    }
}
