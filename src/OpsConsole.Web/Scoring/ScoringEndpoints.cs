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
        string model, ScoreRequest request, RegistryQueries registry, ModelHost host, CancellationToken cancellationToken)
    {
        var view = await registry.ModelAsync(model, cancellationToken);
        if (view is null) return TypedResults.Problem($"There is no model named '{model}'.", statusCode: StatusCodes.Status404NotFound);
        // TODO(#5): canary split by requestId, shadow scoring, fallback to the previous version, and the prediction log.
        if (view.Production is not { } serving)
            return TypedResults.Problem($"'{model}' has no version in production.", statusCode: StatusCodes.Status503ServiceUnavailable);
        var version = (await registry.VersionAsync(model, serving, cancellationToken))!;
        if (version.FeatureSchema.Count == 0)
            return TypedResults.Problem($"{model} v{serving} has no data contract, so records cannot be checked; give it one or use the V2 tensor form.", statusCode: StatusCodes.Status409Conflict);

        var records = request.Records ?? [];
        var errors = RecordRules.Check(version.FeatureSchema, [.. records.Select(r => (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)r)]);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Some records break the model's data contract.");

        var (hosted, loadError) = await host.GetAsync(model, serving, cancellationToken);
        if (hosted is null) return TypedResults.Problem(loadError, statusCode: StatusCodes.Status503ServiceUnavailable);
        var (inputs, mappingError) = RecordScoring.ToInputs(hosted, version.FeatureSchema, records);
        if (inputs is null) return TypedResults.Problem(mappingError, statusCode: StatusCodes.Status409Conflict);
        using var outputs = hosted.Session.Run(inputs);
        return TypedResults.Ok(new ScoreResponse(model, serving, "production", RecordScoring.ToPredictions([.. outputs], version.Labels, records.Count)));
    }
}
