using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

public static class ScoringEndpoints
{
    public static RouteHandlerBuilder MapScoringEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/score/{model}", Score).WithTags("Scoring").RequireAuthorization(Policies.Viewer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Scores records (feature values by name) with the production version, checked against its data contract.");

    static async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult>> Score(
        string model, ScoreRequest request, RegistryQueries registry, ServingChain serving, ModelHost host, PredictionLogWriter log, TimeProvider time,
        ILogger<ScoreRequest> logger, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var view = await registry.ModelAsync(model, cancellationToken);
        if (view is null) return TypedResults.Problem($"There is no model named '{model}'.", statusCode: StatusCodes.Status404NotFound);
        // TODO(#5): shadow scoring and the prediction log.
        var chain = await serving.ForAsync(view, request.RequestId ?? Guid.CreateVersion7().ToString("N"), cancellationToken);
        if (chain.Count == 0) return TypedResults.Problem($"'{model}' has no version in production.", statusCode: StatusCodes.Status503ServiceUnavailable);

        // Records are checked against the contract of the version chosen first: the one the caller is served by normally.
        var first = (await registry.VersionAsync(model, chain[0].Version, cancellationToken))!;
        if (first.FeatureSchema.Count == 0)
            return TypedResults.Problem($"{model} v{first.Version} has no data contract, so records cannot be checked; give it one or use the V2 tensor form.", statusCode: StatusCodes.Status409Conflict);
        var records = request.Records ?? [];
        var errors = RecordRules.Check(first.FeatureSchema, [.. records.Select(r => (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)r)]);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Some records break the model's data contract.");

        var failures = new List<string>();
        foreach (var candidate in chain)
        {
            var version = candidate.Version == first.Version ? first : (await registry.VersionAsync(model, candidate.Version, cancellationToken))!;
            var (hosted, loadError) = await host.GetAsync(model, candidate.Version, cancellationToken);
            if (hosted is null) { failures.Add($"v{candidate.Version}: {loadError}"); continue; }
            var (inputs, mappingError) = RecordScoring.ToInputs(hosted, version.FeatureSchema, records);
            if (inputs is null)
            {
                if (candidate == chain[0]) return TypedResults.Problem(mappingError, statusCode: StatusCodes.Status409Conflict);
                failures.Add($"v{candidate.Version}: {mappingError}");
                continue;
            }
            try
            {
                List<ScoredPrediction> predictions;
                using (var outputs = hosted.Session.Run(inputs)) predictions = RecordScoring.ToPredictions([.. outputs], version.Labels, records.Count);
                var latencyMs = time.GetElapsedTime(started).TotalMilliseconds / records.Count;
                for (var i = 0; i < predictions.Count; i++)
                {
                    await log.EnqueueAsync(RecordScoring.ToLogRecord(model, candidate, predictions[i], records[i], request, latencyMs, time.GetUtcNow()), cancellationToken);
                }
                return TypedResults.Ok(new ScoreResponse(model, candidate.Version, candidate.ServedBy, predictions));
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException exception)   // a model fault: the next version in the chain serves
            {
                ScoringLog.VersionFailed(logger, model, candidate.Version, exception.Message);
                failures.Add($"v{candidate.Version} failed: {exception.Message}");
            }
        }
        return TypedResults.Problem($"No version of {model} could serve this request: {string.Join("; ", failures)}", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
