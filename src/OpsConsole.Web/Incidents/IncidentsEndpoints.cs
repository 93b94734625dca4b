using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Incidents.Runbooks;
using OpsConsole.Registry;

namespace OpsConsole.Incidents;

/// <summary>A status change: the contract's <c>{ "status", "note" }</c>, plus the revision the caller saw (optional; a stale one is a 409).</summary>
public sealed record StatusChange(string? Status, string? Note, int? Revision);

public sealed record NoteInput(string? Text);

public sealed record SeverityChange(string? Severity, int? Revision);

public sealed record AssignmentChange(string? Commander, IReadOnlyList<string>? Assignees, int? Revision);

public sealed record StakeholderChange(string? Summary, int? Revision);

public sealed record StepChange(bool Done);

public static class IncidentsEndpoints
{
    public static IEndpointRouteBuilder MapIncidentsEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", List).ProducesValidationProblem().WithSummary("Incidents, newest first, filtered by status, severity (SEV1..SEV4) and model.");
        api.MapGet("/stats", (int? days, IncidentStats stats, CancellationToken ct) => stats.SummaryAsync(Math.Clamp(days ?? 30, 1, 365), ct))
            .WithSummary("MTTA and MTTR per severity and per model over the last days (default 30), drills left out.");
        api.MapGet("/{number:int}", Detail).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One incident with its timeline, alert groups and runbook progress.");
        api.MapPost("/", Open).RequireAuthorization(Policies.Engineer).ProducesValidationProblem().WithSummary("Opens an incident by hand.");
        var edit = api.MapGroup("/{number:int}").RequireAuthorization(Policies.Engineer);
        edit.MapPost("/status", (int number, StatusChange input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.ChangeStatusAsync(number, input.Status, input.Note, input.Revision, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Moves the incident: triggered → acknowledged → investigating → mitigated → resolved (a resolved one reopens as investigating).");
        edit.MapPost("/notes", (int number, NoteInput input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.AddNoteAsync(number, input.Text, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Adds a note to the timeline.");
        edit.MapPost("/severity", (int number, SeverityChange input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.ChangeSeverityAsync(number, input.Severity, input.Revision, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        edit.MapPost("/assignees", (int number, AssignmentChange input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.AssignAsync(number, input.Commander, input.Assignees, input.Revision, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        edit.MapPost("/stakeholder-update", (int number, StakeholderChange input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
                OutcomeResults.OkAsync(store.UpdateStakeholdersAsync(number, input.Summary, input.Revision, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sets the plain-language summary shown to stakeholders on the overview.");
        edit.MapPost("/steps/{index:int}", (int number, int index, StepChange input, ClaimsPrincipal user, RunbookProgress progress, CancellationToken ct) =>
                OutcomeResults.OkAsync(progress.SetAsync(number, index, input.Done, CurrentUser.NameOf(user), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ticks (or unticks) a step of the incident's runbook; the timeline records who and when.");
        return routes;
    }

    static async Task<Results<Ok<List<IncidentView>>, ValidationProblem>> List(string? status, string? severity, string? model, IncidentQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedStatus = IncidentLifecycle.Parse(status);
        if (status is not null && parsedStatus is null) errors["status"] = ["Use triggered, acknowledged, investigating, mitigated or resolved."];
        var parsedSeverity = IncidentRules.ParseSeverity(severity);
        if (severity is not null && parsedSeverity is null) errors["severity"] = ["Use SEV1, SEV2, SEV3 or SEV4."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await queries.ListAsync(new IncidentFilter(parsedStatus, parsedSeverity, model), ct));
    }

    static async Task<Results<Ok<IncidentDetailView>, ProblemHttpResult>> Detail(int number, IncidentQueries queries, CancellationToken ct) =>
        await queries.DetailAsync(number, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.Problem($"There is no incident #{number}.", statusCode: StatusCodes.Status404NotFound);

    static async Task<Results<Created<IncidentView>, ValidationProblem, ProblemHttpResult>> Open(NewIncident input, ClaimsPrincipal user, IncidentStore store, CancellationToken ct) =>
        OutcomeResults.Created(await store.OpenManualAsync(input, CurrentUser.NameOf(user), ct), incident => $"/api/incidents/{incident.Number}");
}
