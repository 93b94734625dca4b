using System.Net.Mail;

namespace OpsConsole.Identity;

/// <summary>A user as an Admin asks for it, from the users page or <c>POST /api/users</c>.</summary>
public sealed record NewUser(string? Email, string? DisplayName, string? Role, string? Password);

/// <summary>Checks shared by the users page and the users API, so the form and the API never disagree.</summary>
public static class UserRules
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxEmailLength = 256;

    /// <summary>camelCase field name -> messages; empty when the input is acceptable.</summary>
    public static Dictionary<string, string[]> Check(NewUser input)
    {
        var errors = new Dictionary<string, string[]>();
        if (CheckEmail(input.Email) is { } email) errors["email"] = [email];
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors["displayName"] = ["Give the person's name as colleagues know it."];
        else if (input.DisplayName.Length > MaxDisplayNameLength) errors["displayName"] = [$"Use at most {MaxDisplayNameLength} characters."];
        if (CheckRole(input.Role) is { } role) errors["role"] = [role];
        return errors;
    }

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "An email address is required; it is the sign-in name.";
        if (email.Length > MaxEmailLength) return $"Use at most {MaxEmailLength} characters.";
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email.Trim()
            ? null
            : "This is not an email address (expected name@example.com).";
    }

    public static string? CheckRole(string? role) =>
        Roles.IsKnown(role) ? null : $"Choose one of {string.Join(", ", Roles.All)}.";
}
