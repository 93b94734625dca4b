namespace OpsConsole.Identity;

/// <summary>The first admin and an automation key, created at start-up when missing.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? ApiKey { get; set; }
}
