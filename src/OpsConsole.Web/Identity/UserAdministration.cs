using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Identity;

/// <summary>Creating users, changing their role and locking them out; the users page and the users API share it.</summary>
/// <remarks>
/// Each command is several Identity saves; they run in one transaction on the scoped context Identity's store uses
/// (the audit interceptor joins it), so a user is never left half-changed, e.g. with no role at all.
/// </remarks>
public sealed class UserAdministration(UserManager<OpsUser> users, OpsDbContext db, Platform.HubConnections hubs, TimeProvider time)
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, IdentityErrors(created));
        var assigned = await users.AddToRoleAsync(user, input.Role!);
        if (!assigned.Succeeded) return (null, IdentityErrors(assigned, "role"));
        await transaction.CommitAsync(cancellationToken);
        return (new CreatedUserView(View(user, input.Role, time.GetUtcNow()), generated ? password : null), []);
    }

    /// <summary>
    /// Gives the user exactly one console role. Nobody demotes themselves, and no change may leave the console without
    /// an Admin who can sign in.
    /// </summary>
    public async Task<(UserView? User, Dictionary<string, string[]> Errors, bool NotFound)> ChangeRoleAsync(
        string userId, string? role, string? actingUserId, CancellationToken cancellationToken)
    {
        if (UserRules.CheckRole(role) is { } bad) return (null, new() { ["role"] = [bad] }, false);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return (null, [], true);
        if (userId == actingUserId && role != Roles.Admin)
            return (null, new() { ["role"] = ["You cannot take away your own Admin role; ask another admin."] }, false);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await users.GetRolesAsync(user);
        if (role != Roles.Admin && current.Contains(Roles.Admin) && !await AnotherActiveAdminAsync(userId))
            return (null, new() { ["role"] = ["This is the last Admin who can sign in; make someone else Admin first."] }, false);
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0 && Failed(await users.RemoveFromRolesAsync(user, remove), out var removeErrors)) return (null, removeErrors, false);
        if (!current.Contains(role!) && Failed(await users.AddToRoleAsync(user, role!), out var addErrors)) return (null, addErrors, false);
        // A new security stamp ends open sessions at their next validation, so the new role applies within a minute.
        if (Failed(await users.UpdateSecurityStampAsync(user), out var stampErrors)) return (null, stampErrors, false);
        await transaction.CommitAsync(cancellationToken);
        hubs.Disconnect(userId);
        return (View(user, role, time.GetUtcNow()), [], false);
    }

    /// <summary>Locks a user out (sessions end within a minute) or lets them back in; never the last active Admin.</summary>
    public async Task<(UserView? User, Dictionary<string, string[]> Errors, bool NotFound)> SetLockedAsync(
        string userId, bool locked, string? actingUserId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return (null, [], true);
        if (locked && userId == actingUserId) return (null, new() { ["userId"] = ["You cannot lock yourself out."] }, false);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var role = Roles.Highest(await users.GetRolesAsync(user));
        if (locked && role == Roles.Admin && !await AnotherActiveAdminAsync(userId))
            return (null, new() { ["userId"] = ["This is the last Admin who can sign in; make someone else Admin first."] }, false);
        if (Failed(await users.SetLockoutEnabledAsync(user, true), out var enableErrors)) return (null, enableErrors, false);
        if (Failed(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null), out var endErrors)) return (null, endErrors, false);
        if (!locked && Failed(await users.ResetAccessFailedCountAsync(user), out var resetErrors)) return (null, resetErrors, false);
        if (Failed(await users.UpdateSecurityStampAsync(user), out var stampErrors)) return (null, stampErrors, false);
        await transaction.CommitAsync(cancellationToken);
        hubs.Disconnect(userId);
        return (View(user, role, time.GetUtcNow()), [], false);
    }

    async Task<bool> AnotherActiveAdminAsync(string exceptUserId)
    {
        var now = time.GetUtcNow();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.Id != exceptUserId && !(u.LockoutEnd is { } end && end > now));
    }

    static bool Failed(IdentityResult result, out Dictionary<string, string[]> errors)
    {
        errors = result.Succeeded ? [] : IdentityErrors(result);
        return !result.Succeeded;
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
