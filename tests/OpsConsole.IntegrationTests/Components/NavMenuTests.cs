using Bunit;
using MudBlazor.Services;
using OpsConsole.Components.Layout;
using OpsConsole.Identity;

namespace OpsConsole.Components;

public class NavMenuTests
{
    [Theory]
    [InlineData(Roles.Viewer, new[] { "Overview", "Models", "Monitoring", "Alerts", "Incidents", "Runbooks", "On-call", "Postmortems", "API reference" })]
    [InlineData(Roles.Reviewer, new[] { "Overview", "Models", "Monitoring", "Alerts", "Incidents", "Runbooks", "On-call", "Postmortems", "Review", "Datasets", "API reference" })]
    [InlineData(Roles.Admin, new[] { "Overview", "Models", "Monitoring", "Alerts", "Incidents", "Runbooks", "On-call", "Postmortems", "Review", "Datasets", "Users", "API keys", "Webhooks", "Audit log", "System", "API reference" })]
    public async Task Each_role_sees_the_modules_it_may_open_and_no_others(string role, string[] links)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        TestDatabase.SignIn(ctx.Services, "u1", "ana@example.com", role);

        var menu = ctx.Render<NavMenu>();

        menu.WaitForAssertion(() =>
            Assert.Equal(links, menu.FindAll(".mud-nav-link-text").Select(e => e.TextContent.Trim()).Where(t => t != "Admin")));
    }
}
