using Microsoft.AspNetCore.Identity;

namespace OpsConsole.Identity;

/// <summary>A person who signs in to the console.</summary>
public class OpsUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
