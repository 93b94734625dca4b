namespace OpsConsole.Identity;

/// <summary>An API key as lists show it: never the key itself.</summary>
public sealed record ApiKeyView(
    long Id, string Name, string Role, string DisplayPrefix, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool IsActive)
{
    public static ApiKeyView From(ApiKey row, DateTimeOffset now) => new(
        row.Id, row.Name, row.Role, row.DisplayPrefix, row.CreatedAt, row.CreatedBy, row.ExpiresAt, row.RevokedAt, row.LastUsedAt, row.IsActiveAt(now));
}

/// <summary>The answer to creating a key: the only time the key is ever shown.</summary>
public sealed record CreatedApiKeyView(ApiKeyView ApiKey, string Key);
