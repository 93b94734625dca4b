using System.Net;

namespace OpsConsole.Identity;

/// <summary>Every page: anonymous goes to sign-in, a too-low role is refused with 403, the right role sees the page.</summary>
public class PageAuthorizationTests(TestApp app)
{
    static readonly (string Path, string Role, string Title)[] All =
    [
        ("/", Roles.Viewer, "Overview"),
        ("/models", Roles.Viewer, "Models"),
        ("/monitoring", Roles.Viewer, "Monitoring"),
        ("/monitoring/no-such-model", Roles.Viewer, "no-such-model · Monitoring"),
        ("/alerts", Roles.Viewer, "Alerts"),
        ("/incidents", Roles.Viewer, "Incidents"),
        ("/incidents/987654321", Roles.Viewer, "#987654321 · Incidents"),
        ("/runbooks", Roles.Viewer, "Runbooks"),
        ("/runbooks/data-drift", Roles.Viewer, "data-drift · Runbooks"),
        ("/oncall", Roles.Viewer, "On-call"),
        ("/postmortems", Roles.Viewer, "Postmortems"),
        ("/review", Roles.Reviewer, "Review queue"),
        ("/datasets", Roles.Reviewer, "Datasets"),
        ("/admin/users", Roles.Admin, "Users"),
        ("/admin/api-keys", Roles.Admin, "API keys"),
        ("/admin/audit", Roles.Admin, "Audit log"),
        ("/admin/system", Roles.Admin, "System"),
        ("/admin/webhooks", Roles.Admin, "Webhooks"),
        ("/models/no-such-model", Roles.Viewer, "no-such-model · Models"),
        ("/account/password", Roles.Viewer, "Change password"),
    ];

    public static TheoryData<string, string, string> Pages() => Data(All);

    // Nobody signed in is below Viewer, so only pages above Viewer have a role to refuse.
    public static TheoryData<string, string, string> RestrictedPages() => Data(All.Where(p => p.Role != Roles.Viewer));

    static TheoryData<string, string, string> Data(IEnumerable<(string Path, string Role, string Title)> pages)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, role, title) in pages) data.Add(path, role, title);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_brought_back(string path, string role, string title)
    {
        Assert.True(Roles.IsKnown(role) && title.Length > 0);
        using var client = app.Anonymous();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Equal("?ReturnUrl=" + Uri.EscapeDataString(path), location.Query);
    }

    [Theory]
    [MemberData(nameof(RestrictedPages))]
    public async Task A_role_below_the_page_is_refused_with_403(string path, string role, string title)
    {
        Assert.True(title.Length > 0);
        using var client = await app.SignedInAsync(Roles.All[Roles.Rank(role) - 1]);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Your role does not open that page", await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_required_role_sees_the_page(string path, string role, string title)
    {
        using var client = await app.SignedInAsync(role);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>{title} · OpsConsole</title>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_shows_the_not_found_page_with_404()
    {
        using var client = await app.SignedInAsync(Roles.Viewer);

        var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
