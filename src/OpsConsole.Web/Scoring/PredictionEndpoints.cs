using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;

namespace OpsConsole.Scoring;

public sealed record FlagRequest(string? Reason);
public sealed record FlagResponse(long Id, string PredictionId, string Model, string Reason, DateTimeOffset FlaggedAt, string FlaggedBy);

public static class PredictionEndpoints
{
    public static RouteGroupBuilder MapPredictionEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/predictions").WithTags("Prediction log");
        api.MapPost("/", Ingest).RequireAuthorization(Policies.Engineer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Logs predictions made by an external serving system; a 200 means every row is committed.");
        api.MapPost("/outcomes", Outcomes).RequireAuthorization(Policies.Engineer).ProducesValidationProblem()
            .WithSummary("Records ground truth, by predictionId or requestId; outcomes may arrive before or long after their prediction.");
        api.MapPost("/{id}/flag", Flag).RequireAuthorization(Policies.Viewer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Flags a prediction for review, with a reason.");
        return api;
    }

    static async Task<Results<Ok<IngestResponse>, ValidationProblem, ProblemHttpResult>> Ingest(
        IngestRequest request, HttpResponse response, PredictionIngestion ingestion, CancellationToken cancellationToken)
    {
        var result = await ingestion.IngestAsync(request, cancellationToken);
        if (result.Response is { } ok) return TypedResults.Ok(ok);
        if (result.Errors is { } errors) return TypedResults.ValidationProblem(errors, title: "Some predictions cannot be logged; none were.");
        if (result.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(result.Problem, statusCode: result.Status);
    }

    static async Task<Results<Ok<OutcomesResponse>, ValidationProblem>> Outcomes(
        OutcomesRequest request, ClaimsPrincipal user, PredictionIngestion ingestion, CancellationToken cancellationToken)
    {
        var (response, errors) = await ingestion.OutcomesAsync(request, CurrentUser.NameOf(user), cancellationToken);
        return response is null ? TypedResults.ValidationProblem(errors!, title: "Some outcomes cannot be recorded; none were.") : TypedResults.Ok(response);
    }

    static async Task<Results<Created<FlagResponse>, ValidationProblem, ProblemHttpResult>> Flag(
        string id, FlagRequest request, ClaimsPrincipal user, PredictionIngestion ingestion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the prediction needs review (1 to 1000 characters)."] });
        var flag = await ingestion.FlagAsync(id, request.Reason, CurrentUser.NameOf(user), cancellationToken);
        if (flag is null)
            return TypedResults.Problem($"There is no prediction '{id}' in the log (a prediction scored a moment ago may still be queued; retry in a second).", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Created($"/api/predictions/{id}/flags/{flag.Id}", new FlagResponse(flag.Id, flag.PredictionId, flag.Model, flag.Reason, flag.FlaggedAt, flag.FlaggedBy));
    }
}
