using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

public class HealthAndTelemetryTests(TestApp app)
{
    static readonly string[] ServingAnswers = ["Healthy", "Degraded"];

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_anonymous_load_balancers_with_status_only(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(path, Cancel);

        // Degraded (still 200) is a correct answer too when the heartbeat is momentarily late on a loaded machine.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await response.Content.ReadAsStringAsync(Cancel), ServingAnswers);
    }

    [Fact]
    public async Task Prometheus_scrapes_metrics_with_a_bearer_key_and_sees_request_durations()
    {
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.KeyForRoleAsync(Roles.Viewer));
        HttpResponseMessage response;
        string text;
        var started = TimeProvider.System.GetTimestamp();
        // The exporter caches a scrape for 300 ms, and parallel tests scrape too: a cached answer may predate this
        // test's request, so ask again (after another request) until the duration shows or 5 s pass.
        do
        {
            await client.GetAsync("/api/me", Cancel);
            response = await client.GetAsync("/metrics", Cancel);
            text = await response.Content.ReadAsStringAsync(Cancel);
            if (text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal)) break;
            await Task.Delay(350, Cancel);
        }
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_identity_routes()
    {
        using var client = await app.AsRoleAsync(Roles.Viewer);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Cancel));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal("OpsConsole API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("/api/users", paths);
        Assert.Contains("/api/api-keys/{id}", paths);
        Assert.Contains("/api/audit", paths);
        Assert.Contains("/api/notifications", paths);
    }

    [Fact]
    public async Task The_api_reference_page_is_served_to_signed_in_users()
    {
        using var client = await app.SignedInAsync(Roles.Viewer);

        var response = await client.GetAsync("/scalar/v1", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("OpsConsole API", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_routes_and_malformed_json_get_problem_details()
    {
        using var admin = app.Admin();

        var missing = await admin.GetAsync("/api/no-such-thing", Cancel);
        var malformed = await admin.PostAsync("/api/users", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await malformed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_health_command_reports_a_ready_console()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(["health", "--server", "http://localhost"], output, error, app.Server.CreateHandler(), Cancel);

        Assert.Equal(CliApp.Ok, code);
        Assert.Contains(output.ToString().Trim(), ServingAnswers.Select(a => "200 " + a));
    }
}
