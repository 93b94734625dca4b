using System.Net;
using System.Text.RegularExpressions;

namespace OpsConsole.Identity;

public partial class ChangePasswordTests(TestApp app)
{
    [Fact]
    public async Task A_user_changes_their_password_and_only_the_new_one_signs_in_afterwards()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (_, email) = await app.CreateUserAsync(Roles.Viewer);
        using var browser = app.Anonymous();
        await TestApp.SignInAsync(browser, email, TestApp.UserPassword);
        const string NewPassword = "A-Brand-New-Password-9!";

        var form = await browser.GetStringAsync("/account/password", cancel);
        var response = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["_handler"] = "change-password",
            ["Input.Current"] = TestApp.UserPassword,
            ["Input.New"] = NewPassword,
            ["Input.Confirm"] = NewPassword,
        }), cancel);

        Assert.Contains("Your password is changed", await response.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        using var withOld = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await TestApp.SignInAsync(withOld, email, TestApp.UserPassword)).StatusCode);
        using var withNew = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(withNew, email, NewPassword)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
