using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Review;

public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/predictions/{id}/review", Review).WithTags("Review").RequireAuthorization(Policies.Reviewer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Confirms or corrects a prediction's label (a reviewer, or source \"user\" for a product's own users); the label also becomes its outcome.");
        routes.MapGet("/api/predictions/{id}/reviews", History).WithTags("Review").RequireAuthorization(Policies.Reviewer)
            .WithSummary("Every review of a prediction, oldest first.");
        routes.MapGet("/api/review/queue", Queue).WithTags("Review").RequireAuthorization(Policies.Reviewer).ProducesValidationProblem()
            .WithSummary("Flagged predictions no review has answered yet, oldest flag first.");
        return routes;
    }

    static async Task<Results<Created<ReviewView>, ValidationProblem, ProblemHttpResult>> Review(
        string id, ReviewRequest request, ClaimsPrincipal user, ReviewStore store, CancellationToken cancellationToken) =>
        OutcomeResults.Created(await store.ReviewAsync(id, request, CurrentUser.NameOf(user), cancellationToken), r => $"/api/predictions/{r.PredictionId}/reviews");

    // 404 for an id that is not in the log, as the POST answers; a logged prediction nobody reviewed has an empty history.
    static async Task<Results<Ok<List<ReviewView>>, ProblemHttpResult>> History(string id, OpsDbContext db, CancellationToken cancellationToken)
    {
        var reviews = (await db.PredictionReviews.AsNoTracking().Where(r => r.PredictionId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .ConvertAll(ReviewStore.View);
        if (reviews.Count == 0 && !await db.Predictions.AnyAsync(p => p.Id == id, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown prediction", detail: $"No prediction '{id}' is in the log.");
        return TypedResults.Ok(reviews);
    }

    static async Task<Results<Ok<QueueView>, ValidationProblem>> Queue(string? model, int? take, ReviewQueue queue, CancellationToken cancellationToken)
    {
        if (take is < 1 or > ReviewQueue.MaxTake)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"Take between 1 and {ReviewQueue.MaxTake} items."] });
        return TypedResults.Ok(await queue.PendingAsync(model, take ?? 50, cancellationToken));
    }
}
