namespace OpsConsole.Identity;

/// <summary>Which property values never reach the audit log: it records that they changed, not what they became.</summary>
public static class AuditRedaction
{
    public const string Mask = "***";

    static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "KeyHash", "SecretHash", "Secret",
    };

    /// <summary>True for properties that hold secrets or tokens (Identity's hashes and stamps, key hashes).</summary>
    public static bool IsSecret(string propertyName) => SecretNames.Contains(propertyName);
}
