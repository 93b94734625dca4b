using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.Platform;

public class LiveNotificationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_notification_published_by_the_server_arrives_as_a_toast_and_a_badge()
    {
        var (_, email) = await fixture.CreateUserAsync("Engineer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, BrowserFixture.UserPassword);
        var title = "Canary rollback " + Guid.NewGuid().ToString("N")[..6];

        using var api = fixture.Api();
        var response = await api.PostAsJsonAsync("/api/notifications",
            new { role = "Engineer", title, message = "fraud-model v7 rolled back to v6", severity = "warning" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(title);
        await Expect(page.Locator("#notification-badge .mud-badge")).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "toast");
        await page.Locator("#notification-center button").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .notification-item", new() { HasText = title })).ToContainTextAsync("fraud-model v7 rolled back to v6");
        await Expect(page.Locator("#notification-badge .mud-badge")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Times_are_shown_in_the_viewers_time_zone()
    {
        var page = await fixture.NewPageAsync(timeZone: "Asia/Tokyo");
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
        await page.GotoAsync("/admin/system");
        await Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");

        var cell = page.Locator(".local-time").First;
        await Expect(cell).Not.ToContainTextAsync("UTC");
        // Title and text in one read: a heartbeat between two reads would change both.
        var pair = await cell.EvaluateAsync<string[]>("e => [e.title, e.textContent]");
        var (utcTitle, shown) = (pair[0], pair[1]);
        var utc = DateTime.ParseExact(utcTitle, "yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(utc.AddHours(9).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), shown);
    }
}
