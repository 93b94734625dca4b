using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

/// <summary>
/// Pushes notifications to connected clients (scripts, wallboards, other tabs). A connection joins its user's group and the
/// group of every role at or below its own, so a message to "Engineer" also reaches Leads and Admins.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class NotificationHub(HubConnections connections) : Hub
{
    public const string Path = "/hubs/notifications";
    public const string MessageName = "notification";

    public static string UserGroup(string userId) => "user:" + userId;
    public static string RoleGroup(string role) => "role:" + role;

    /// <summary>A round trip for clients: once it answers, the connection has joined its groups.</summary>
#pragma warning disable CA1822 // SignalR only dispatches to instance methods
    public string Ping() => "pong";
#pragma warning restore CA1822

    public override async Task OnConnectedAsync()
    {
        var user = Context.User;
        if (user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id)
        {
            connections.Opened(id, Context);
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(id));
        }
        var highest = user is null ? null : Roles.Highest(Roles.All.Where(user.IsInRole));
        if (highest is not null)
        {
            foreach (var role in Roles.All.Take(Roles.Rank(highest) + 1))
                await Groups.AddToGroupAsync(Context.ConnectionId, RoleGroup(role));
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id) connections.Closed(id, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
