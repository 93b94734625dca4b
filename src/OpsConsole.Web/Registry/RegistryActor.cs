using System.Security.Claims;
using OpsConsole.Identity;

namespace OpsConsole.Registry;

/// <summary>Who asks the registry for a change, and with which role (overrides need Lead).</summary>
public sealed record RegistryActor(string? Id, string Name, string? Role)
{
    public static RegistryActor From(ClaimsPrincipal user) => new(CurrentUser.IdOf(user), CurrentUser.NameOf(user), CurrentUser.RoleOf(user));

    public bool IsAtLeast(string role) => Roles.Rank(Role) >= Roles.Rank(role);
}
