using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsConsole.Identity;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        api.MapGet("/", List).WithSummary("Every key, active or not; never the key itself.");
        api.MapPost("/", Create).WithSummary("Issues a key scoped to one role; the key is in this answer and nowhere else.");
        api.MapDelete("/{id:long}", Revoke).WithSummary("Revokes the key at once.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<ApiKeyView>>> List(ApiKeyIssuer issuer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await issuer.ListAsync(cancellationToken));

    static async Task<Results<Created<CreatedApiKeyView>, ValidationProblem>> Create(
        NewApiKey input, ClaimsPrincipal caller, ApiKeyIssuer issuer, CancellationToken cancellationToken)
    {
        var (created, errors) = await issuer.CreateAsync(input, CurrentUser.NameOf(caller), cancellationToken);
        return created is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/api-keys/{created.ApiKey.Id}", created);
    }

    static async Task<Results<Ok<ApiKeyView>, NotFound>> Revoke(long id, ClaimsPrincipal caller, ApiKeyIssuer issuer, CancellationToken cancellationToken) =>
        await issuer.RevokeAsync(id, CurrentUser.NameOf(caller), cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
