namespace OpsConsole.Identity;

/// <summary>A user as the users page and <c>GET /api/users</c> show them.</summary>
public sealed record UserView(string Id, string Email, string DisplayName, string? Role, bool IsLockedOut, DateTimeOffset CreatedAt);

/// <summary>The answer to creating a user: the password is present only when the console generated it, and is shown once.</summary>
public sealed record CreatedUserView(UserView User, string? GeneratedPassword);

public sealed record RoleChange(string? Role);
