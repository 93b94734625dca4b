using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", ListMine).WithSummary("The signed-in user's recent notifications, newest first.");
        api.MapPost("/", Send).RequireAuthorization(Policies.Admin)
            .WithSummary("Sends a notification to one user or to everyone at or above a role; it arrives as a toast and over the hub.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<NotificationView>>> ListMine(ClaimsPrincipal user, NotificationQueries queries, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var role = Roles.Highest(Roles.All.Where(user.IsInRole));
        return TypedResults.Ok(await queries.RecentAsync(id, role, 50, cancellationToken));
    }

    static async Task<Results<Created<NotificationView>, ValidationProblem>> Send(
        NewNotification input, NotificationSender sender, CancellationToken cancellationToken)
    {
        var errors = NotificationRules.Check(input);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = await sender.SendAsync(input, cancellationToken);
        return TypedResults.Created($"/api/notifications/{view.Id}", view);
    }
}
