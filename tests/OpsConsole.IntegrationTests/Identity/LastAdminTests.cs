using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Identity;

public class LastAdminTests
{
    [Fact]
    public async Task The_last_admin_who_can_sign_in_can_be_neither_demoted_nor_locked_by_anyone()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var services = database.Seeding();
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All) await roles.CreateAsync(new IdentityRole(role) { Id = role });
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var (only, _) = await admin.CreateAsync(new NewUser("only-admin@example.com", "Only Admin", Roles.Admin, null), CancellationToken.None);
        var (second, _) = await admin.CreateAsync(new NewUser("second@example.com", "Second", Roles.Viewer, null), CancellationToken.None);

        var demote = await admin.ChangeRoleAsync(only!.User.Id, Roles.Lead, actingUserId: "api-key:1", CancellationToken.None);
        var lockOut = await admin.SetLockedAsync(only.User.Id, locked: true, actingUserId: "api-key:1", CancellationToken.None);
        var promote = await admin.ChangeRoleAsync(second!.User.Id, Roles.Admin, actingUserId: "api-key:1", CancellationToken.None);
        var demoteNow = await admin.ChangeRoleAsync(only.User.Id, Roles.Lead, actingUserId: "api-key:1", CancellationToken.None);

        Assert.Contains("last Admin", demote.Errors["role"][0], StringComparison.Ordinal);
        Assert.Contains("last Admin", lockOut.Errors["userId"][0], StringComparison.Ordinal);
        Assert.Equal(Roles.Admin, promote.User!.Role);
        Assert.Equal(Roles.Lead, demoteNow.User!.Role);
        var users = await admin.ListAsync(CancellationToken.None);
        Assert.Equal([(Roles.Lead, false), (Roles.Admin, false)], users.Where(u => u.Id == only.User.Id || u.Id == second.User.Id)
            .OrderBy(u => u.Email).Select(u => (u.Role, u.IsLockedOut)));
    }
}
