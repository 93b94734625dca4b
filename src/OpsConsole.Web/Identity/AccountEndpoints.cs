using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace OpsConsole.Identity;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        // A form post with the antiforgery token, so a third-party page cannot sign a user out.
        routes.MapPost("/account/logout", Logout).RequireAuthorization().ExcludeFromDescription();
        routes.MapGet("/api/me", Me).WithTags("Account").RequireAuthorization(Policies.Viewer)
            .WithSummary("Who the caller is: user or API key, and the role the console grants.");
        return routes;
    }

    static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Logout(HttpContext context, IAntiforgery antiforgery, SignInManager<OpsUser> signIn)
    {
        // The endpoint binds no form, so antiforgery is not checked for it automatically.
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.Problem("The sign-out form has expired; reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }

    static Ok<MeView> Me(ClaimsPrincipal user) => TypedResults.Ok(new MeView(
        CurrentUser.IdOf(user), CurrentUser.NameOf(user), CurrentUser.RoleOf(user), user.Identity?.AuthenticationType ?? ""));
}
