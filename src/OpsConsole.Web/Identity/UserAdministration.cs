using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Identity;

/// <summary>Creating users, changing their role and locking them out; the users page and the users API share it.</summary>
public sealed class UserAdministration(UserManager<OpsUser> users, TimeProvider time)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roleByUser = await RolesByUserAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows.ConvertAll(u => View(u, roleByUser.GetValueOrDefault(u.Id), now));
    }

    public async Task<(CreatedUserView? Created, Dictionary<string, string[]> Errors)> CreateAsync(NewUser input, CancellationToken cancellationToken)
    {
        var errors = UserRules.Check(input);
        if (errors.Count > 0) return (null, errors);
        var email = input.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null) return (null, new() { ["email"] = ["A user with this email already exists."] });

        var generated = string.IsNullOrEmpty(input.Password);
        var password = generated ? IdentityBootstrapper.GeneratePassword() : input.Password!;
        var user = new OpsUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(), CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, IdentityErrors(created));
        var assigned = await users.AddToRoleAsync(user, input.Role!);
        if (!assigned.Succeeded) return (null, IdentityErrors(assigned, "role"));
        cancellationToken.ThrowIfCancellationRequested();
        return (new CreatedUserView(View(user, input.Role, time.GetUtcNow()), generated ? password : null), []);
    }

    /// <summary>Gives the user exactly one console role. An admin cannot demote themselves, so the console always keeps one.</summary>
    public async Task<(UserView? User, Dictionary<string, string[]> Errors, bool NotFound)> ChangeRoleAsync(
        string userId, string? role, string? actingUserId, CancellationToken cancellationToken)
    {
        if (UserRules.CheckRole(role) is { } bad) return (null, new() { ["role"] = [bad] }, false);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return (null, [], true);
        if (userId == actingUserId && role != Roles.Admin)
            return (null, new() { ["role"] = ["You cannot take away your own Admin role; ask another admin."] }, false);

        var current = await users.GetRolesAsync(user);
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (!current.Contains(role!)) await users.AddToRoleAsync(user, role!);
        await users.UpdateSecurityStampAsync(user);   // open sessions pick up the new role at their next validation
        cancellationToken.ThrowIfCancellationRequested();
        return (View(user, role, time.GetUtcNow()), [], false);
    }

    /// <summary>Locks a user out (sessions end within a minute) or lets them back in.</summary>
    public async Task<(UserView? User, Dictionary<string, string[]> Errors, bool NotFound)> SetLockedAsync(
        string userId, bool locked, string? actingUserId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return (null, [], true);
        if (locked && userId == actingUserId) return (null, new() { ["userId"] = ["You cannot lock yourself out."] }, false);

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var role = Roles.Highest(await users.GetRolesAsync(user));
        cancellationToken.ThrowIfCancellationRequested();
        return (View(user, role, time.GetUtcNow()), [], false);
    }

    async Task<Dictionary<string, string>> RolesByUserAsync(CancellationToken cancellationToken)
    {
        var pairs = new List<(string UserId, string Role)>();
        foreach (var role in Roles.All)
        {
            foreach (var user in await users.GetUsersInRoleAsync(role)) pairs.Add((user.Id, role));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => Roles.Highest(g.Select(p => p.Role))!);
    }

    static UserView View(OpsUser user, string? role, DateTimeOffset now) =>
        new(user.Id, user.Email ?? "", user.DisplayName, role, user.LockoutEnd is { } end && end > now, user.CreatedAt);

    static Dictionary<string, string[]> IdentityErrors(IdentityResult result, string? field = null) =>
        result.Errors.GroupBy(e => field ?? FieldOf(e.Code)).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : "user";
}
