using OpsConsole.Identity;

namespace OpsConsole.Platform;

/// <summary>A notification as an Admin or a feature asks for it: to one user or to everyone at or above a role.</summary>
public sealed record NewNotification(string? UserId, string? Role, string? Title, string? Message, string? Severity, string? Link);

/// <summary>Checks for <see cref="NewNotification"/>, shared by the API and the features that notify.</summary>
public static class NotificationRules
{
    public static readonly IReadOnlyList<string> Severities = ["info", "success", "warning", "error"];

    /// <summary>camelCase field name -> messages; empty when the input is acceptable.</summary>
    public static Dictionary<string, string[]> Check(NewNotification input)
    {
        var errors = new Dictionary<string, string[]>();
        var hasUser = !string.IsNullOrWhiteSpace(input.UserId);
        var hasRole = !string.IsNullOrWhiteSpace(input.Role);
        if (hasUser == hasRole) errors["userId"] = ["Name exactly one audience: a userId or a role."];
        if (hasRole && UserRules.CheckRole(input.Role) is { } role) errors["role"] = [role];
        if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = ["A title is required; it is what the toast shows."];
        else if (input.Title.Length > 200) errors["title"] = ["Use at most 200 characters."];
        if (input.Message is { Length: > 2000 }) errors["message"] = ["Use at most 2000 characters."];
        if (input.Severity is not null && !Severities.Contains(input.Severity)) errors["severity"] = [$"Choose one of {string.Join(", ", Severities)}."];
        if (input.Link is { } link && (!LocalUrl.IsLocal(link) || link.Length > 500))
            errors["link"] = ["A link must be a path inside the console, such as /incidents/42."];
        return errors;
    }

    /// <summary>Whether a notification for <paramref name="recipientRole"/> reaches someone whose role is <paramref name="userRole"/>.</summary>
    public static bool RoleReaches(string recipientRole, string? userRole) =>
        Roles.Rank(userRole) >= Roles.Rank(recipientRole) && Roles.Rank(recipientRole) >= 0;
}
