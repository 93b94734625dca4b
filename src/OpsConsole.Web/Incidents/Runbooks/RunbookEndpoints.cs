using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Incidents.Runbooks;

public static class RunbookEndpoints
{
    public static IEndpointRouteBuilder MapRunbookEndpoints(this IEndpointRouteBuilder routes)
    {
        var runbooks = routes.MapGroup("/api/runbooks").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        runbooks.MapGet("/", (RunbookStore store, CancellationToken ct) => store.ListAsync(ct)).WithSummary("Every runbook's latest version.");
        runbooks.MapGet("/{slug}", GetRunbook).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A runbook (latest, or ?version=N) with its Markdown, steps and versions.");
        runbooks.MapPut("/{slug}", (string slug, RunbookEdit edit, ClaimsPrincipal user, RunbookStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.SaveAsync(slug, edit, CurrentUser.NameOf(user), ct)))
            .RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves a new version of a runbook (or its first); open incidents keep the version they opened with.");
        return routes;
    }


    static async Task<Results<Ok<object>, ProblemHttpResult>> GetRunbook(string slug, int? version, RunbookStore store, CancellationToken ct)
    {
        if (await store.GetAsync(slug, version, ct) is not { } runbook)
            return TypedResults.Problem($"There is no runbook '{slug}'{(version is null ? "" : $" version {version}")}.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok<object>(new { runbook.Slug, runbook.Version, runbook.Title, runbook.Markdown, runbook.Steps, runbook.CreatedAt, runbook.CreatedBy,
            Html = RunbookMarkdown.ToSafeHtml(runbook.Markdown), Versions = await store.VersionsAsync(slug, ct) });
    }
}
