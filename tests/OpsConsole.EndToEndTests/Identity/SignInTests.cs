using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Identity;

public class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await BrowserFixture.ScreenshotAsync(page, "login");

        await page.FillAsync("#email", BrowserFixture.AdminEmail);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in");

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong email or password.");
    }

    [Fact]
    public async Task A_deep_link_returns_to_its_page_after_sign_in_and_sign_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/admin/audit");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.FillAsync("#email", BrowserFixture.AdminEmail);
        await page.FillAsync("#password", BrowserFixture.AdminPassword);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("h4").First).ToHaveTextAsync("Audit log");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.ClickAsync("#sign-out");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login$"));
        await page.GotoAsync("/admin/audit");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
