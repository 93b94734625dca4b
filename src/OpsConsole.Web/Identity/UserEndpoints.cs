using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsConsole.Identity;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        api.MapGet("/", List).WithSummary("Every user with their role and lock state.");
        api.MapPost("/", Create).WithSummary("Creates a user with one role; without a password, a generated one is returned once.");
        api.MapPut("/{id}/role", ChangeRole).WithSummary("Gives the user exactly this role.");
        api.MapPost("/{id}/lock", Lock).WithSummary("Locks the user out; open sessions end within a minute.");
        api.MapPost("/{id}/unlock", Unlock).WithSummary("Lets a locked-out user sign in again.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<UserView>>> List(UserAdministration users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(cancellationToken));

    static async Task<Results<Created<CreatedUserView>, ValidationProblem>> Create(
        NewUser input, UserAdministration users, CancellationToken cancellationToken)
    {
        var (created, errors) = await users.CreateAsync(input, cancellationToken);
        return created is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/users/{created.User.Id}", created);
    }

    static async Task<Results<Ok<UserView>, ValidationProblem, NotFound>> ChangeRole(
        string id, RoleChange input, ClaimsPrincipal caller, UserAdministration users, CancellationToken cancellationToken) =>
        Answer(await users.ChangeRoleAsync(id, input.Role, CurrentUser.IdOf(caller), cancellationToken));

    static async Task<Results<Ok<UserView>, ValidationProblem, NotFound>> Lock(
        string id, ClaimsPrincipal caller, UserAdministration users, CancellationToken cancellationToken) =>
        Answer(await users.SetLockedAsync(id, locked: true, CurrentUser.IdOf(caller), cancellationToken));

    static async Task<Results<Ok<UserView>, ValidationProblem, NotFound>> Unlock(
        string id, ClaimsPrincipal caller, UserAdministration users, CancellationToken cancellationToken) =>
        Answer(await users.SetLockedAsync(id, locked: false, CurrentUser.IdOf(caller), cancellationToken));

    static Results<Ok<UserView>, ValidationProblem, NotFound> Answer((UserView? User, Dictionary<string, string[]> Errors, bool NotFound) outcome) =>
        outcome switch
        {
            { NotFound: true } => TypedResults.NotFound(),
            { User: { } user } => TypedResults.Ok(user),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
}
