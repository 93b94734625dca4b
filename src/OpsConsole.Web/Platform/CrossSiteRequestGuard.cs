using Microsoft.AspNetCore.Identity;

namespace OpsConsole.Platform;

/// <summary>
/// Refuses requests that ride on the sign-in cookie but come from another site or origin, using the browser's Fetch
/// Metadata (<c>Sec-Fetch-Site</c>) and, for older browsers, <c>Origin</c>. It covers state-changing API calls, the
/// hubs and the Blazor circuit (a WebSocket handshake is a GET), and sign-out. SameSite=Lax alone stops other
/// sites but not other origins of the same site, such as another app on a sibling port. Requests with an API key
/// carry no ambient credential and pass.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsGuarded(context.Request) && SignedInByCookie(context) && IsCrossOrigin(context.Request))
        {
            await Results.Problem(
                title: "Cross-origin request refused.",
                detail: "Requests signed in with the console's cookie must come from the console's own pages. Scripts use an API key.",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    static bool IsGuarded(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor")) return true;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        return unsafeMethod && (path.StartsWithSegments("/api") || path.StartsWithSegments("/account/logout"));
    }

    static bool SignedInByCookie(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme;

    static bool IsCrossOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
