namespace OpsConsole.Identity;

/// <summary>The first admin and an automation key, created at start-up when missing.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? ApiKey { get; set; }
}

/// <summary>Demo users (one per role) for trying the console; refused in Production.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    public string? Password { get; set; }

    public static string EmailFor(string role) => role.ToLowerInvariant() + "@demo.opsconsole";
}
