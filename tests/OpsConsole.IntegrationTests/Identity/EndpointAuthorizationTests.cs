using System.Net;
using System.Text;

namespace OpsConsole.Identity;

/// <summary>Every route that exists, three ways: anonymous, the role just below the one it needs, and the role it needs.</summary>
public class EndpointAuthorizationTests(TestApp app)
{
    static readonly (string Method, string Path, string Role, string? Body)[] All =
    [
        ("GET", "/api/me", Roles.Viewer, null),
        ("GET", "/api/notifications", Roles.Viewer, null),
        ("POST", "/api/notifications", Roles.Admin, """{"role":"Admin","title":"authorization matrix"}"""),
        ("GET", "/api/users", Roles.Admin, null),
        ("POST", "/api/users", Roles.Admin, "{}"),
        ("PUT", "/api/users/no-such-user/role", Roles.Admin, """{"role":"Viewer"}"""),
        ("POST", "/api/users/no-such-user/lock", Roles.Admin, null),
        ("POST", "/api/users/no-such-user/unlock", Roles.Admin, null),
        ("GET", "/api/api-keys", Roles.Admin, null),
        ("POST", "/api/api-keys", Roles.Admin, "{}"),
        ("DELETE", "/api/api-keys/999999", Roles.Admin, null),
        ("GET", "/api/audit", Roles.Admin, null),
        ("GET", "/api/models", Roles.Viewer, null),
        ("POST", "/api/models", Roles.Engineer, "{}"),
        ("GET", "/api/models/no-such-model", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/versions", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/versions/1", Roles.Viewer, null),
        ("POST", "/api/models/no-such-model/versions", Roles.Engineer, null),
        ("POST", "/api/models/no-such-model/versions/1/stage", Roles.Engineer, """{"stage":"shadow","reason":"matrix"}"""),
        ("POST", "/api/models/no-such-model/rollback", Roles.Engineer, """{"reason":"matrix"}"""),
        ("GET", "/api/models/no-such-model/production", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/history", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/diff?from=1&to=2", Roles.Viewer, null),
        ("PUT", "/api/models/no-such-model/gate", Roles.Lead, """{"metrics":[]}"""),
        ("POST", "/api/models/no-such-model/versions/1/contract/derive", Roles.Engineer, null),
        ("PUT", "/api/models/no-such-model/versions/1/contract", Roles.Engineer, """{"featureSchema":[{"name":"a","type":"number"}]}"""),
        ("POST", "/api/models/no-such-model/train", Roles.Engineer, null),
        ("GET", "/api/webhooks", Roles.Admin, null),
        ("POST", "/api/webhooks", Roles.Admin, "{}"),
        ("DELETE", "/api/webhooks/999999", Roles.Admin, null),
        ("GET", "/api/webhooks/deliveries", Roles.Admin, null),
        ("POST", "/api/webhooks/deliveries/999999/retry", Roles.Admin, null),
        ("POST", "/api/score/no-such-model", Roles.Viewer, """{"records":[]}"""),
        ("GET", "/v2/models/no-such-model", Roles.Viewer, null),
        ("GET", "/v2/models/no-such-model/ready", Roles.Viewer, null),
        ("POST", "/v2/models/no-such-model/infer", Roles.Viewer, """{"inputs":[]}"""),
        ("POST", "/v2/models/no-such-model/versions/1/infer", Roles.Viewer, """{"inputs":[]}"""),
        ("POST", "/api/predictions", Roles.Engineer, """{"predictions":[]}"""),
        ("POST", "/api/predictions/outcomes", Roles.Engineer, """{"outcomes":[]}"""),
        ("POST", "/api/predictions/no-such-prediction/flag", Roles.Viewer, """{"reason":"x"}"""),
        ("POST", "/api/predictions/no-such-prediction/review", Roles.Reviewer, """{"label":"x"}"""),
        ("GET", "/api/predictions/no-such-prediction/reviews", Roles.Reviewer, null),
        ("GET", "/api/review/queue", Roles.Reviewer, null),
        ("GET", "/api/models/no-such-model/serving-policy", Roles.Viewer, null),
        ("PUT", "/api/models/no-such-model/serving-policy", Roles.Engineer, """{}"""),
        ("GET", "/api/models/no-such-model/traffic", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/shadow/2", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/simulator", Roles.Viewer, null),
        ("POST", "/api/models/no-such-model/simulator", Roles.Engineer, """{"requestsPerSecond":1}"""),
        ("DELETE", "/api/models/no-such-model/simulator", Roles.Engineer, null),
        ("GET", "/api/models/no-such-model/drift", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/drift/history", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/drift/columns/a", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/accuracy", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/drift-settings", Roles.Viewer, null),
        ("PUT", "/api/models/no-such-model/drift-settings", Roles.Engineer, """{}"""),
        ("GET", "/api/models/no-such-model/segments", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/metrics", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/performance", Roles.Viewer, null),
        ("GET", "/api/models/no-such-model/kpis", Roles.Viewer, null),
        ("GET", "/api/alert-rules", Roles.Viewer, null),
        ("GET", "/api/alert-rules/templates", Roles.Viewer, null),
        ("POST", "/api/alert-rules", Roles.Engineer, "{}"),
        ("GET", "/api/alert-rules/999999", Roles.Viewer, null),
        ("PUT", "/api/alert-rules/999999", Roles.Engineer, "{}"),
        ("DELETE", "/api/alert-rules/999999", Roles.Engineer, null),
        ("GET", "/api/alerts", Roles.Viewer, null),
        ("GET", "/api/silences", Roles.Viewer, null),
        ("POST", "/api/silences", Roles.Engineer, "{}"),
        ("DELETE", "/api/silences/999999", Roles.Engineer, null),
        ("POST", "/api/integrations/alertmanager", Roles.Engineer, "{}"),
        ("GET", "/api/incidents", Roles.Viewer, null),
        ("GET", "/api/incidents/stats", Roles.Viewer, null),
        ("GET", "/api/incidents/999999", Roles.Viewer, null),
        ("POST", "/api/incidents", Roles.Engineer, "{}"),
        ("POST", "/api/incidents/999999/status", Roles.Engineer, """{"status":"acknowledged"}"""),
        ("POST", "/api/incidents/999999/notes", Roles.Engineer, """{"text":"x"}"""),
        ("POST", "/api/incidents/999999/severity", Roles.Engineer, """{"severity":"SEV1"}"""),
        ("POST", "/api/incidents/999999/assignees", Roles.Engineer, """{"assignees":[]}"""),
        ("POST", "/api/incidents/999999/stakeholder-update", Roles.Engineer, """{"summary":"x"}"""),
        ("POST", "/api/incidents/999999/steps/0", Roles.Engineer, """{"done":true}"""),
        ("GET", "/api/runbooks", Roles.Viewer, null),
        ("GET", "/api/runbooks/no-such-runbook", Roles.Viewer, null),
        ("PUT", "/api/runbooks/no-such-runbook", Roles.Engineer, "{}"),
        ("GET", "/api/drills", Roles.Viewer, null),
        ("GET", "/api/drills/999999", Roles.Viewer, null),
        ("POST", "/api/drills", Roles.Engineer, "{}"),
        ("POST", "/api/drills/999999/stop", Roles.Engineer, null),
        ("GET", "/metrics", Roles.Viewer, null),
        ("GET", "/openapi/v1.json", Roles.Viewer, null),
        ("GET", "/scalar/v1", Roles.Viewer, null),
        ("GET", "/hangfire", Roles.Admin, null),
        ("POST", "/hubs/notifications/negotiate?negotiateVersion=1", Roles.Viewer, null),
    ];

    public static TheoryData<string, string, string, string?> Routes() => Data(All);

    // Every signed-in role is at least Viewer, so only routes above Viewer have a role below them to refuse.
    public static TheoryData<string, string, string, string?> RestrictedRoutes() => Data(All.Where(r => r.Role != Roles.Viewer));

    static TheoryData<string, string, string, string?> Data(IEnumerable<(string Method, string Path, string Role, string? Body)> routes)
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (var (method, path, role, body) in routes) data.Add(method, path, role, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Anonymous_callers_are_refused(string method, string path, string role, string? body)
    {
        Assert.True(Roles.IsKnown(role));
        using var client = app.Anonymous();

        var response = await client.SendAsync(Request(method, path, body), TestContext.Current.CancellationToken);

        if (path.StartsWith("/hangfire", StringComparison.Ordinal) || path.StartsWith("/scalar", StringComparison.Ordinal))
        {
            // Browser-facing pages send the person to the sign-in page instead.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(RestrictedRoutes))]
    public async Task A_role_below_the_required_one_gets_403(string method, string path, string role, string? body)
    {
        using var client = await app.AsRoleAsync(Roles.All[Roles.Rank(role) - 1]);

        var response = await client.SendAsync(Request(method, path, body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_required_role_is_let_through(string method, string path, string role, string? body)
    {
        using var client = await app.AsRoleAsync(role);

        var response = await client.SendAsync(Request(method, path, body), TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Anonymous_api_errors_are_problem_details_not_empty_bodies()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/api/users", TestContext.Current.CancellationToken);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":401", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    static HttpRequestMessage Request(string method, string path, string? body) =>
        new(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
}
