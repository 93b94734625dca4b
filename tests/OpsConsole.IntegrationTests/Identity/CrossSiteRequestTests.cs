using System.Net;
using System.Net.Http.Json;

namespace OpsConsole.Identity;

/// <summary>A page on another origin cannot use a signed-in person's cookie to change anything.</summary>
public class CrossSiteRequestTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "http://intranet.example:8080")]
    public async Task A_cookie_signed_request_from_another_origin_is_refused(string header, string value)
    {
        var (victimId, _) = await app.CreateUserAsync(Roles.Viewer);
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{victimId}/lock");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await admin.SendAsync(request, Cancel);
        using var keyAdmin = app.Admin();
        var users = await keyAdmin.GetFromJsonAsync<List<UserView>>("/api/users", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-origin request refused", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(users!.Single(u => u.Id == victimId).IsLockedOut);
    }

    [Fact]
    public async Task The_consoles_own_pages_and_api_key_scripts_pass()
    {
        var (firstId, _) = await app.CreateUserAsync(Roles.Viewer);
        var (secondId, _) = await app.CreateUserAsync(Roles.Viewer);
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{firstId}/lock");
        sameOrigin.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        using var script = app.Admin();
        using var scriptRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{secondId}/lock");
        scriptRequest.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(sameOrigin, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.SendAsync(scriptRequest, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        using var browser = await app.SignedInAsync(Roles.Viewer);

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]), Cancel);
        var stillSignedIn = await browser.GetAsync("/api/me", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }
}
