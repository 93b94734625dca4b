using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Identity;

/// <summary>Creates the roles, the first admin, the bootstrap API key and, in demo mode, one user per role.</summary>
public sealed class IdentityBootstrapper(
    UserManager<OpsUser> users, RoleManager<IdentityRole> roles, OpsDbContext db, AuditActor actor, TimeProvider time,
    IOptions<BootstrapOptions> bootstrap, IOptions<DemoOptions> demo, IHostEnvironment environment, ILogger<IdentityBootstrapper> logger)
{
    public const string DefaultAdminEmail = "admin@opsconsole.local";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        actor.UseSystem("system:bootstrap");
        foreach (var role in Roles.All)
        {
            // The role's id is its name, so audit entries of role assignments read "RoleId: Lead", not a GUID.
            if (await roles.FindByNameAsync(role) is null) Check(await roles.CreateAsync(new IdentityRole(role) { Id = role }), role);
        }
        if (!await db.Users.AnyAsync(cancellationToken)) await CreateFirstAdminAsync();
        await CreateBootstrapKeyAsync(cancellationToken);
        if (demo.Value.Enabled) await CreateDemoUsersAsync();
    }

    async Task CreateFirstAdminAsync()
    {
        var email = string.IsNullOrWhiteSpace(bootstrap.Value.AdminEmail) ? DefaultAdminEmail : bootstrap.Value.AdminEmail.Trim();
        var password = bootstrap.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = GeneratePassword();
        await CreateUserAsync(email, "Administrator", Roles.Admin, password!);
        if (generated) logger.OneTimeAdminPassword(email, password!);
        else logger.AdminCreated(email);
    }

    async Task CreateBootstrapKeyAsync(CancellationToken cancellationToken)
    {
        var key = bootstrap.Value.ApiKey;
        if (string.IsNullOrWhiteSpace(key)) return;
        if (!ApiKeyToken.IsPlausible(key))
        {
            throw new InvalidOperationException(
                $"Bootstrap:ApiKey must be {ApiKeyToken.MinimumLength} to {ApiKeyToken.MaximumLength} characters without spaces.");
        }
        var hash = ApiKeyToken.Hash(key);
        if (await db.ApiKeys.AnyAsync(x => x.KeyHash == hash, cancellationToken)) return;
        db.ApiKeys.Add(new ApiKey
        {
            Name = "bootstrap",
            KeyHash = hash,
            DisplayPrefix = ApiKeyToken.DisplayPrefix(key),
            Role = Roles.Admin,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = "system:bootstrap",
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.BootstrapKeyCreated();
    }

    async Task CreateDemoUsersAsync()
    {
        if (environment.IsProduction()) throw new InvalidOperationException("Demo:Enabled is refused in Production: it creates users with a known password.");
        var password = demo.Value.Password;
        if (string.IsNullOrEmpty(password)) throw new InvalidOperationException("Demo:Enabled needs Demo:Password.");
        foreach (var role in Roles.All)
        {
            var email = DemoOptions.EmailFor(role);
            if (await users.FindByEmailAsync(email) is null) await CreateUserAsync(email, $"Demo {role}", role, password);
        }
        logger.DemoUsersReady(Roles.All.Count);
    }

    async Task CreateUserAsync(string email, string displayName, string role, string password)
    {
        var user = new OpsUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
    }

    static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>A password that meets the console's policy: 20 random url-safe characters plus one of each required class.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_') + "aZ7!";
}
