using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;

namespace OpsConsole.Scoring;

public static class ScoringEndpoints
{
    public static RouteHandlerBuilder MapScoringEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/score/{model}", Score).WithTags("Scoring").RequireAuthorization(Policies.Viewer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Scores records (feature values by name) along the model's serving chain, checked against its data contract.");

    static async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult>> Score(
        string model, ScoreRequest request, RecordScorer scorer, CancellationToken cancellationToken)
    {
        var result = await scorer.ScoreAsync(model, request, cancellationToken);
        if (result.Response is { } response) return TypedResults.Ok(response);
        if (result.Errors is { } errors) return TypedResults.ValidationProblem(errors, title: "Some records break the model's data contract.");
        return TypedResults.Problem(result.Problem, statusCode: result.Status);
    }
}
