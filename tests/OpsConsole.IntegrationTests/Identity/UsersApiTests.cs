using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsConsole.Identity;

public class UsersApiTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_user_who_can_then_sign_in_with_that_role()
    {
        var email = $"new-{Guid.NewGuid():N}@tests.opsconsole";
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "New Person", role = Roles.Reviewer }, Cancel);
        var created = await response.Content.ReadFromJsonAsync<CreatedUserView>(Cancel);
        using var browser = app.Anonymous();
        var signIn = await TestApp.SignInAsync(browser, email, created!.GeneratedPassword!);
        var me = await browser.GetFromJsonAsync<MeView>("/api/me", Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(email, me!.Name);
        Assert.Equal(Roles.Reviewer, me.Role);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_naming_each_field()
    {
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "nope", displayName = "", role = "Root" }, Cancel);
        var errors = await ErrorsAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["displayName", "email", "role"], errors.Order());
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_is_refused()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Viewer);
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Twin", role = Roles.Viewer }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["email"], await ErrorsAsync(response));
    }

    [Fact]
    public async Task A_weak_password_is_refused_under_password()
    {
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/users",
            new { email = $"weak-{Guid.NewGuid():N}@tests.opsconsole", displayName = "Weak", role = Roles.Viewer, password = "short" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["password"], await ErrorsAsync(response));
    }

    [Fact]
    public async Task Changing_a_role_replaces_the_old_one()
    {
        var (id, _) = await app.CreateUserAsync(Roles.Viewer);
        using var admin = app.Admin();

        var response = await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = Roles.Lead }, Cancel);
        var users = await admin.GetFromJsonAsync<List<UserView>>("/api/users", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Roles.Lead, users!.Single(u => u.Id == id).Role);
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_and_an_unlocked_one_can_again()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Viewer);
        using var admin = app.Admin();

        (await admin.PostAsync($"/api/users/{id}/lock", null, Cancel)).EnsureSuccessStatusCode();
        using var locked = app.Anonymous();
        var refused = await TestApp.SignInAsync(locked, email, TestApp.UserPassword);
        (await admin.PostAsync($"/api/users/{id}/unlock", null, Cancel)).EnsureSuccessStatusCode();
        using var unlocked = app.Anonymous();
        var accepted = await TestApp.SignInAsync(unlocked, email, TestApp.UserPassword);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);   // the form again, with the message
        Assert.Contains("locked", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Viewer);
        using var browser = app.Anonymous();

        for (var i = 0; i < 5; i++) await TestApp.SignInAsync(browser, email, "Wrong-Password-123!");
        var withRightPassword = await TestApp.SignInAsync(browser, email, TestApp.UserPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("locked", await withRightPassword.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_demote_or_lock_themselves()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Admin);
        using var browser = app.Anonymous();
        await TestApp.SignInAsync(browser, email, TestApp.UserPassword);

        var demote = await browser.PutAsJsonAsync($"/api/users/{id}/role", new { role = Roles.Viewer }, Cancel);
        var lockSelf = await browser.PostAsync($"/api/users/{id}/lock", null, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(["role"], await ErrorsAsync(demote));
        Assert.Equal(HttpStatusCode.BadRequest, lockSelf.StatusCode);
    }

    [Fact]
    public async Task Unknown_users_are_404()
    {
        using var admin = app.Admin();

        var response = await admin.PutAsJsonAsync("/api/users/does-not-exist/role", new { role = Roles.Viewer }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
