using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Incidents.Drills;

public static class DrillEndpoints
{
    public static IEndpointRouteBuilder MapDrillEndpoints(this IEndpointRouteBuilder routes)
    {
        var drills = routes.MapGroup("/api/drills").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        drills.MapGet("/", (string? model, DrillStore store, CancellationToken ct) => store.ListAsync(model, ct)).WithSummary("Drills, newest first, with their reports.");
        drills.MapGet("/{id:long}", async Task<Results<Ok<DrillView>, ProblemHttpResult>> (long id, DrillStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } drill ? TypedResults.Ok(drill) : TypedResults.Problem($"There is no drill {id}.", statusCode: StatusCodes.Status404NotFound));
        drills.MapPost("/", (NewDrill input, ClaimsPrincipal user, DrillStore store, CancellationToken ct) => OutcomeResults.OkAsync(store.StartAsync(input, CurrentUser.NameOf(user), ct)))
            .RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts a drill: injects a fault (feature-drift, dropped-column, latency-spike, error-burst, confidence-collapse) into the model's simulated traffic.");
        drills.MapPost("/{id:long}/stop", (long id, DrillStore store, CancellationToken ct) => OutcomeResults.OkAsync(store.StopAsync(id, ct)))
            .RequireAuthorization(Policies.Engineer).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }
}
