using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsConsole.Identity;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        api.MapGet("/", Page).WithSummary("The audit log, newest first; filter by actor (substring), entity type and id, and time.");
        return api;
    }

    static async Task<Results<Ok<AuditPage>, ValidationProblem>> Page(
        AuditQueries queries, string? actor, string? entityType, string? entityId, DateTimeOffset? from, DateTimeOffset? to,
        int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is not null && to is not null && from >= to) errors["from"] = ["'from' must be before 'to'."];
        if (skip < 0) errors["skip"] = ["'skip' cannot be negative."];
        if (take is < 1 or > AuditQueries.MaxPageSize) errors["take"] = [$"'take' must be between 1 and {AuditQueries.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var page = await queries.PageAsync(new AuditFilter(actor, entityType, entityId, from, to), skip ?? 0, take ?? 100, cancellationToken);
        return TypedResults.Ok(page);
    }
}
