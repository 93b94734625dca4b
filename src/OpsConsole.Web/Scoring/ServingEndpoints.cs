using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>Raised when a model's serving policy changes, so every serving plan on this server is rebuilt.</summary>
public sealed record ServingPolicyChanged(string Model, string Actor);

/// <summary>The body of <c>PUT /api/models/{name}/serving-policy</c>.</summary>
public sealed record ServingPolicyRequest(int? TimeoutMs, string? FallbackLabel, [property: JsonConverter(typeof(JsonStringEnumConverter<InvalidRecordPolicy>))] InvalidRecordPolicy? InvalidRecords);

/// <summary>Per-model serving routes: the serving policy, live traffic, shadow reports and the demo traffic simulator.</summary>
public static class ServingEndpoints
{
    public static RouteGroupBuilder MapServingEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/models/{name}").WithTags("Scoring");
        api.MapGet("/serving-policy", GetPolicy).RequireAuthorization(Policies.Viewer).WithSummary("Timeout, default label and invalid-record policy.");
        api.MapPut("/serving-policy", SetPolicy).RequireAuthorization(Policies.Engineer).ProducesValidationProblem().WithSummary("Sets the serving policy.");
        api.MapGet("/traffic", Traffic).RequireAuthorization(Policies.Viewer).WithSummary("This server's scoring traffic over the last minute, per second.");
        api.MapGet("/shadow/{version:int}", Shadow).RequireAuthorization(Policies.Viewer)
            .WithSummary("How a shadow version compares with production (or ?against=N): agreement, Δconfidence, latency, segments, disagreements.");
        api.MapGet("/simulator", SimulatorState).RequireAuthorization(Policies.Viewer).WithSummary("Whether demo traffic is running.");
        api.MapPost("/simulator", StartSimulator).RequireAuthorization(Policies.Engineer).ProducesValidationProblem().WithSummary("Starts demo traffic at a rate, over segments.");
        api.MapDelete("/simulator", StopSimulator).RequireAuthorization(Policies.Engineer).WithSummary("Stops demo traffic.");
        return api;
    }

    static async Task<Results<Ok<ServingPolicy>, ProblemHttpResult>> GetPolicy(string name, OpsDbContext db, CancellationToken cancellationToken)
    {
        var json = await db.Models.Where(m => m.Name == name).Select(m => m.ServingPolicyJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? NoModel(name) : TypedResults.Ok(RegistryJson.Read<ServingPolicy>(json) ?? ServingPolicy.Default);
    }

    static async Task<Results<Ok<ServingPolicy>, ValidationProblem, ProblemHttpResult>> SetPolicy(
        string name, ServingPolicyRequest request, ClaimsPrincipal user, OpsDbContext db, LiveEvents live, CancellationToken cancellationToken)
    {
        var policy = new ServingPolicy(request.TimeoutMs, string.IsNullOrEmpty(request.FallbackLabel) ? null : request.FallbackLabel.Trim(), request.InvalidRecords ?? InvalidRecordPolicy.Reject);
        var errors = ServingPolicy.Check(policy);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null) return NoModel(name);
        model.ServingPolicyJson = RegistryJson.Write(policy);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new ServingPolicyChanged(name, CurrentUser.NameOf(user)));
        return TypedResults.Ok(policy);
    }

    static async Task<Results<Ok<TrafficSnapshot>, ProblemHttpResult>> Traffic(string name, int? seconds, ServingDirectory directory, LiveTraffic traffic, CancellationToken cancellationToken) =>
        await directory.GetAsync(name, cancellationToken) is null ? NoModel(name) : TypedResults.Ok(traffic.Snapshot(name, seconds ?? 60));

    static async Task<Results<Ok<ShadowReportView>, ProblemHttpResult>> Shadow(
        string name, int version, int? against, DateTimeOffset? since, ServingDirectory directory, ShadowReports reports, CancellationToken cancellationToken)
    {
        var plan = await directory.GetAsync(name, cancellationToken);
        if (plan is null) return NoModel(name);
        if (!plan.Versions.ContainsKey(version)) return TypedResults.Problem($"'{name}' has no version {version}.", statusCode: StatusCodes.Status404NotFound);
        if ((against ?? plan.Production) is not { } primary)
            return TypedResults.Problem($"'{name}' has no production version to compare with; say which with ?against=.", statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(await reports.ForAsync(name, version, primary, since, cancellationToken));
    }

    static async Task<Results<Ok<SimulatorStatus>, ProblemHttpResult>> SimulatorState(string name, ServingDirectory directory, TrafficSimulator simulator, CancellationToken cancellationToken) =>
        await directory.GetAsync(name, cancellationToken) is null ? NoModel(name) : TypedResults.Ok(simulator.Status(name));

    static async Task<Results<Ok<SimulatorStatus>, ValidationProblem, ProblemHttpResult>> StartSimulator(
        string name, SimulatorSettings settings, ClaimsPrincipal user, ServingDirectory directory, TrafficSimulator simulator, CancellationToken cancellationToken)
    {
        var errors = TrafficSimulator.Check(settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var plan = await directory.GetAsync(name, cancellationToken);
        if (plan is null) return NoModel(name);
        if (plan.Production is not { } production || plan.Versions[production].FeatureSchema.Count == 0)
            return TypedResults.Problem($"'{name}' needs a production version with a data contract for simulated records.", statusCode: StatusCodes.Status409Conflict);
        simulator.Start(name, settings, CurrentUser.NameOf(user));
        return TypedResults.Ok(simulator.Status(name));
    }

    static Ok<SimulatorStatus> StopSimulator(string name, TrafficSimulator simulator)
    {
        simulator.Stop(name);
        return TypedResults.Ok(simulator.Status(name));
    }

    static ProblemHttpResult NoModel(string name) => TypedResults.Problem($"There is no model named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
