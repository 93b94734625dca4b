using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Components;

public class ShellTests(BrowserFixture fixture)
{
    static readonly (string Link, string Path, string Heading)[] Modules =
    [
        ("Overview", "/", "Overview"),
        ("Models", "/models", "Models"),
        ("Monitoring", "/monitoring", "Monitoring"),
        ("Alerts", "/alerts", "Alerts"),
        ("Incidents", "/incidents", "Incidents"),
        ("Runbooks", "/runbooks", "Runbooks"),
        ("On-call", "/oncall", "On-call"),
        ("Postmortems", "/postmortems", "Postmortems"),
        ("Review", "/review", "Review queue"),
        ("Datasets", "/datasets", "Datasets"),
        ("Users", "/admin/users", "Users"),
        ("API keys", "/admin/api-keys", "API keys"),
        ("Webhooks", "/admin/webhooks", "Webhooks"),
        ("Audit log", "/admin/audit", "Audit log"),
        ("System", "/admin/system", "System"),
    ];

    [Fact]
    public async Task An_admin_signs_in_and_reaches_every_module_from_the_navigation()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(BrowserFixture.AdminEmail);

        foreach (var (link, path, heading) in Modules)
        {
            await page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Expect(page.Locator("h4").First).ToHaveTextAsync(heading);
            await BrowserFixture.ScreenshotAsync(page, "module" + path.Replace('/', '-'));
        }
    }

    [Fact]
    public async Task Modules_without_data_say_so_instead_of_showing_fake_numbers()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);

        // A module nothing writes to yet: incidents come and go with the other tests of this assembly.
        await page.GotoAsync("/postmortems");

        await Expect(page.Locator(".empty-state-title")).ToHaveTextAsync("No postmortems yet");
    }

    [Fact]
    public async Task A_viewer_sees_no_admin_navigation_and_is_refused_the_users_page()
    {
        var (_, email) = await fixture.CreateUserAsync("Viewer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, BrowserFixture.UserPassword);

        await Expect(page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#nav").GetByText("Admin")).ToHaveCountAsync(0);
        await Expect(page.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/users");

        await Expect(page.Locator("h4")).ToHaveTextAsync("No access");
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_back()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
        const string Background = "getComputedStyle(document.body).backgroundColor";
        var light = await page.EvaluateAsync<string>(Background);

        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync($"{Background} !== '{light}'");
        await BrowserFixture.ScreenshotAsync(page, "overview-dark");
        await page.ClickAsync("#theme-toggle");

        await page.WaitForFunctionAsync($"{Background} === '{light}'");
    }
}
