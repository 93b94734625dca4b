using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Identity;

public class UserAdministrationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_creates_a_user_in_the_browser_who_then_signs_in_with_the_one_time_password()
    {
        var email = $"created-{Guid.NewGuid():N}@e2e.opsconsole";
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");

        await page.ClickAsync("#new-user");
        await page.FillAsync("#new-user-email", "not an email");
        await page.FillAsync("#new-user-name", "Casey Reviewer");
        await page.ClickAsync("#create-user");
        await Expect(page.GetByText("This is not an email address")).ToBeVisibleAsync();
        await page.FillAsync("#new-user-email", email);
        await page.Locator(".mud-select", new() { Has = page.Locator("#new-user-role") }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Reviewer", Exact = true }).ClickAsync();
        await page.ClickAsync("#create-user");
        var passwordBox = page.Locator("#generated-password");
        await Expect(passwordBox).Not.ToHaveValueAsync("");
        var password = await passwordBox.InputValueAsync();
        await BrowserFixture.ScreenshotAsync(page, "users-created");
        await page.ClickAsync("#close-user-dialog");
        await Expect(page.Locator("#users-grid").GetByText(email)).ToBeVisibleAsync();

        var newcomer = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(newcomer, email, password);
        await Expect(newcomer.Locator("#signed-in-user")).ToHaveTextAsync(email);
        await Expect(newcomer.Locator("#nav").GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_api_key_is_shown_once_and_can_be_revoked_after_confirming()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
        await page.GotoAsync("/admin/api-keys");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");

        await page.ClickAsync("#new-api-key");
        await page.FillAsync("#new-key-name", name);
        await page.ClickAsync("#create-api-key");
        var keyBox = page.Locator("#created-api-key");
        await Expect(keyBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^opc_"));
        var key = await keyBox.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        var row = page.Locator("#api-keys-grid tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page, "api-keys");
        using var withKey = new HttpClient { BaseAddress = fixture.BaseAddress };
        withKey.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.True((await withKey.GetAsync("/api/me", TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }
}
