using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Components;

public class UsersPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_users_page_lists_users_and_creates_one_after_showing_what_is_wrong()
    {
        var existing = await SeedUserAsync("existing-" + Guid.NewGuid().ToString("N")[..6] + "@example.com");
        await using var ctx = NewContext();
        var newEmail = "fresh-" + Guid.NewGuid().ToString("N")[..6] + "@example.com";
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#users-grid td"), td => td.TextContent == existing));

        await page.InvokeAsync(() => page.Find("#new-user").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#new-user-email"));
        dialogs.Find("#new-user-email").Change("not-an-email");
        dialogs.Find("#new-user-name").Change("Fresh Person");
        await dialogs.InvokeAsync(() => dialogs.Find("#create-user").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("This is not an email address", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("#new-user-email").Change(newEmail);
        await dialogs.InvokeAsync(() => dialogs.Find("#create-user").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.Find("#generated-password").GetAttribute("value") ?? ""));
        await dialogs.InvokeAsync(() => dialogs.Find("#close-user-dialog").Click());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#users-grid td"), td => td.TextContent == newEmail));
    }

    BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(TimeProvider.System);
        database.AddTo(ctx.Services);
        ctx.Services.AddIdentityCore<OpsUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<OpsDbContext>();
        ctx.Services.AddScoped<OperationScope>().AddScoped<UserAdministration>().AddScoped<BrowserTimeZone>().AddSingleton<HubConnections>();
        TestDatabase.SignIn(ctx.Services, "admin-id", "admin@example.com", Roles.Admin);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    async Task<string> SeedUserAsync(string email)
    {
        await using var services = database.Seeding();
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (await roles.FindByNameAsync(role) is null) await roles.CreateAsync(new IdentityRole(role) { Id = role });
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var (created, errors) = await admin.CreateAsync(new NewUser(email, "Existing Person", Roles.Viewer, null), CancellationToken.None);
        Assert.Empty(errors);
        return created!.User.Email;
    }
}
