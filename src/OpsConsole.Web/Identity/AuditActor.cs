using System.Security.Claims;

namespace OpsConsole.Identity;

/// <summary>
/// The audit log's "who" for the current scope: the Blazor circuit's user, else the HTTP request's user, else a system
/// name set by the job or start-up code that owns the scope, else "system".
/// </summary>
public sealed class AuditActor(IHttpContextAccessor http) : IAuditActor
{
    ClaimsPrincipal? _circuitUser;
    string? _systemName;

    public string? Id => User is { } user ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string Name => User is { } user
        ? user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown"
        : _systemName ?? (http.HttpContext is not null ? "anonymous" : "system");

    ClaimsPrincipal? User
    {
        get
        {
            if (_systemName is not null) return null;
            var user = _circuitUser ?? http.HttpContext?.User;
            return user?.Identity?.IsAuthenticated == true ? user : null;
        }
    }

    /// <summary>Called by the circuit handler when the circuit's user is known or changes.</summary>
    public void UseCircuitUser(ClaimsPrincipal user) => _circuitUser = user;

    /// <summary>Names the system actor for work that no person started, e.g. <c>system:audit-retention</c>.</summary>
    public void UseSystem(string name) => _systemName = name;
}
