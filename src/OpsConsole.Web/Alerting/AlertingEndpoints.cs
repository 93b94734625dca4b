using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Alerting;

public static class AlertingEndpoints
{
    public static IEndpointRouteBuilder MapAlertingEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Alerting").RequireAuthorization(Policies.Viewer);
        api.MapGet("/alert-rules", (string? model, AlertRuleStore store, CancellationToken ct) => store.ListAsync(model, ct))
            .WithSummary("Every alert rule, optionally of one model.");
        api.MapGet("/alert-rules/templates", () => RuleTemplates.All.Select(t => new
            {
                t.Id, t.Title, t.Signal, Comparator = RuleDefinitions.ComparatorName(t.Comparator), t.Threshold, ForSeconds = (int)t.For.TotalSeconds,
                KeepFiringForSeconds = (int)t.KeepFiringFor.TotalSeconds, WindowMinutes = RuleDefinitions.DefaultWindowMinutes(t.Signal),
                Severity = Incidents.IncidentRules.Name(t.Severity), t.Runbook, t.Why,
            }))
            .WithSummary("The ready-made rule templates with their defaults and runbooks.");
        api.MapPost("/alert-rules", CreateRule).RequireAuthorization(Policies.Engineer).ProducesValidationProblem()
            .WithSummary("Creates a rule; a template fills every field the request leaves out.");
        api.MapGet("/alert-rules/{id:long}", GetRule).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/alert-rules/{id:long}", UpdateRule).RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Replaces a rule; send the revision you loaded to be told when someone else changed it.");
        api.MapDelete("/alert-rules/{id:long}", DeleteRule).RequireAuthorization(Policies.Engineer).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/alerts", Alerts).ProducesValidationProblem()
            .WithSummary("Current alert instances with their state: pending, firing, or resolved.");
        api.MapGet("/silences", (bool? expired, SilenceStore store, CancellationToken ct) => store.ListAsync(expired == true, ct))
            .WithSummary("Pending and active silences (and expired ones with expired=true).");
        api.MapPost("/silences", CreateSilence).RequireAuthorization(Policies.Engineer).ProducesValidationProblem()
            .WithSummary("Silences alerts whose labels match every matcher, between startsAt (default now) and endsAt.");
        api.MapDelete("/silences/{id:long}", ExpireSilence).RequireAuthorization(Policies.Engineer).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Ends a silence now; it stays listed as expired.");
        routes.MapPost("/api/integrations/alertmanager", Alertmanager).WithTags("Alerting").RequireAuthorization(Policies.Engineer).ProducesValidationProblem()
            .WithSummary("Alertmanager's webhook (payload version 4): one group notification becomes one alert group and its incident; resolved resolves it.");
        return routes;
    }

    static async Task<Results<Created<AlertRuleView>, ValidationProblem, ProblemHttpResult>> CreateRule(RuleInput input, ClaimsPrincipal user, AlertRuleStore store, CancellationToken ct) =>
        OutcomeResults.Created(await store.CreateAsync(input, CurrentUser.NameOf(user), ct), rule => $"/api/alert-rules/{rule.Id}");

    static async Task<Results<Ok<AlertRuleView>, ProblemHttpResult>> GetRule(long id, AlertRuleStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } rule ? TypedResults.Ok(rule) : TypedResults.Problem($"There is no alert rule {id}.", statusCode: StatusCodes.Status404NotFound);

    static async Task<Results<Ok<AlertRuleView>, ValidationProblem, ProblemHttpResult>> UpdateRule(long id, RuleInput input, AlertRuleStore store, CancellationToken ct) =>
        OutcomeResults.Ok(await store.UpdateAsync(id, input, ct));

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteRule(long id, AlertRuleStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.Problem($"There is no alert rule {id}.", statusCode: StatusCodes.Status404NotFound);

    static async Task<Results<Ok<List<AlertView>>, ValidationProblem>> Alerts(string? model, string? state, AlertQueries queries, CancellationToken ct)
    {
        if (state is not null && !AlertQueries.States.Contains(state))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["Use pending, firing or resolved."] });
        return TypedResults.Ok(await queries.AlertsAsync(model, state, ct));
    }

    static async Task<Results<Created<SilenceView>, ValidationProblem, ProblemHttpResult>> CreateSilence(NewSilence input, ClaimsPrincipal user, SilenceStore store, CancellationToken ct) =>
        OutcomeResults.Created(await store.CreateAsync(input, CurrentUser.NameOf(user), ct), silence => $"/api/silences/{silence.Id}");

    static async Task<Results<Ok<SilenceView>, ValidationProblem, ProblemHttpResult>> ExpireSilence(long id, SilenceStore store, CancellationToken ct) =>
        OutcomeResults.Ok(await store.ExpireAsync(id, ct));

    static async Task<Results<Ok<AlertmanagerReceipt>, ValidationProblem>> Alertmanager(HttpRequest request, AlertmanagerReceiver receiver, CancellationToken ct)
    {
        var (receipt, errors) = await receiver.ReceiveAsync(request.Body, ct);
        return receipt is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(receipt);
    }
}
