namespace OpsConsole.Identity;

/// <summary>Demo users (one per role) for trying the console; refused in Production.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    public string? Password { get; set; }

    /// <summary>Demo traffic sent to the demo model at start-up, so its live panel and shadow report move; 0 sends none.</summary>
    public double TrafficPerSecond { get; set; } = 2;

    public static string EmailFor(string role) => role.ToLowerInvariant() + "@demo.opsconsole";
}
