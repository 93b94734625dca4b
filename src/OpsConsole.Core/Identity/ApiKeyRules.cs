namespace OpsConsole.Identity;

/// <summary>An API key as an Admin asks for it.</summary>
public sealed record NewApiKey(string? Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>Checks shared by the API keys page and <c>POST /api/api-keys</c>.</summary>
public static class ApiKeyRules
{
    public const int MaxNameLength = 100;

    /// <summary>camelCase field name -> messages; empty when the input is acceptable.</summary>
    public static Dictionary<string, string[]> Check(NewApiKey input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["Name the key after what uses it, e.g. \"prometheus\" or \"ci\"."];
        else if (input.Name.Length > MaxNameLength) errors["name"] = [$"Use at most {MaxNameLength} characters."];
        if (UserRules.CheckRole(input.Role) is { } role) errors["role"] = [role];
        if (input.ExpiresAt is { } expires && expires <= now) errors["expiresAt"] = ["The expiry must lie in the future."];
        return errors;
    }
}
