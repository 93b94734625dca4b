using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Incidents;

public static class RunbookAndDrillEndpoints
{
    public static IEndpointRouteBuilder MapRunbookAndDrillEndpoints(this IEndpointRouteBuilder routes)
    {
        var runbooks = routes.MapGroup("/api/runbooks").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        runbooks.MapGet("/", (RunbookStore store, CancellationToken ct) => store.ListAsync(ct)).WithSummary("Every runbook's latest version.");
        runbooks.MapGet("/{slug}", GetRunbook).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A runbook (latest, or ?version=N) with its Markdown, steps and versions.");
        runbooks.MapPut("/{slug}", (string slug, RunbookEdit edit, ClaimsPrincipal user, RunbookStore store, CancellationToken ct) =>
                Ok(store.SaveAsync(slug, edit, CurrentUser.NameOf(user), ct)))
            .RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves a new version of a runbook (or its first); open incidents keep the version they opened with.");

        var drills = routes.MapGroup("/api/drills").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        drills.MapGet("/", (string? model, DrillStore store, CancellationToken ct) => store.ListAsync(model, ct)).WithSummary("Drills, newest first, with their reports.");
        drills.MapGet("/{id:long}", async Task<Results<Ok<DrillView>, ProblemHttpResult>> (long id, DrillStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } drill ? TypedResults.Ok(drill) : TypedResults.Problem($"There is no drill {id}.", statusCode: StatusCodes.Status404NotFound));
        drills.MapPost("/", (NewDrill input, ClaimsPrincipal user, DrillStore store, CancellationToken ct) => Ok(store.StartAsync(input, CurrentUser.NameOf(user), ct)))
            .RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts a drill: injects a fault (feature-drift, dropped-column, latency-spike, error-burst, confidence-collapse) into the model's simulated traffic.");
        drills.MapPost("/{id:long}/stop", (long id, DrillStore store, CancellationToken ct) => Ok(store.StopAsync(id, ct)))
            .RequireAuthorization(Policies.Engineer).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Ok<T>(Task<Outcome<T>> outcome) => OutcomeResults.Ok(await outcome);

    static async Task<Results<Ok<object>, ProblemHttpResult>> GetRunbook(string slug, int? version, RunbookStore store, CancellationToken ct)
    {
        if (await store.GetAsync(slug, version, ct) is not { } runbook)
            return TypedResults.Problem($"There is no runbook '{slug}'{(version is null ? "" : $" version {version}")}.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok<object>(new { runbook.Slug, runbook.Version, runbook.Title, runbook.Markdown, runbook.Steps, runbook.CreatedAt, runbook.CreatedBy,
            Html = RunbookMarkdown.ToSafeHtml(runbook.Markdown), Versions = await store.VersionsAsync(slug, ct) });
    }
}
