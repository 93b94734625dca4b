namespace OpsConsole.Identity;

/// <summary>Demo users (one per role) for trying the console; refused in Production.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    public string? Password { get; set; }

    public static string EmailFor(string role) => role.ToLowerInvariant() + "@demo.opsconsole";
}
