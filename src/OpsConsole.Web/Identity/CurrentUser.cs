using System.Security.Claims;

namespace OpsConsole.Identity;

/// <summary>Reads the console's facts about a principal, for endpoints and components alike.</summary>
public static class CurrentUser
{
    public static string? IdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string NameOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";

    public static string? RoleOf(ClaimsPrincipal user) => Roles.Highest(Roles.All.Where(user.IsInRole));
}

/// <summary>What <c>GET /api/me</c> answers: who the caller is, as the console sees them.</summary>
public sealed record MeView(string? Id, string Name, string? Role, string AuthenticatedBy);
