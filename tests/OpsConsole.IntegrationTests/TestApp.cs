using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using OpsConsole.Identity;

[assembly: AssemblyFixture(typeof(OpsConsole.TestApp))]

namespace OpsConsole;

/// <summary>
/// The real console in-process, once per test assembly (Hangfire keeps static state), on a fresh SQLite file in a temp
/// directory with the real migrations. Tests create their own users and keys and assert only on those.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "root@tests.opsconsole";
    public const string AdminPassword = "Integration-Tests-2026!";
    public const string BootstrapKey = "opc_integration-bootstrap-key-0123456789abcdef";
    public const string UserPassword = "Test-User-Password-1!";

    readonly ConcurrentDictionary<string, Lazy<Task<string>>> _keysByRole = new();
    readonly ConcurrentDictionary<string, Lazy<Task<(string Id, string Email)>>> _usersByRole = new();

    /// <summary>The app runs on the system clock, so tests read the same one.</summary>
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "opsconsole-it-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Bootstrap:ApiKey", BootstrapKey);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Jobs:SchedulePollingSeconds", "1");
        builder.UseSetting("Jobs:HeartbeatSeconds", "5");
        builder.UseSetting("Alerting:EvaluationSeconds", "2");   // tests that step alerts themselves use disabled rules
        builder.UseSetting("Registry:MaxArtifactMegabytes", "1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
    }

    // Start the one host before any test runs: tests in parallel would otherwise race to create two.
    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    /// <summary>A client with no credentials that does not follow redirects, so tests see the 302 to the sign-in page.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public HttpClient Admin() => WithKey(BootstrapKey);

    /// <summary>A client holding an API key of exactly this role (one key per role, shared by the tests).</summary>
    public async Task<HttpClient> AsRoleAsync(string role) => WithKey(await KeyForRoleAsync(role));

    public Task<string> KeyForRoleAsync(string role) =>
        _keysByRole.GetOrAdd(role, r => new Lazy<Task<string>>(() => CreateKeyAsync("tests-" + r.ToLowerInvariant(), r))).Value;

    public async Task<string> CreateKeyAsync(string name, string role, DateTimeOffset? expiresAt = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name, role, expiresAt });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedApiKeyView>();
        return created!.Key;
    }

    public async Task<(string Id, string Email)> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@tests.opsconsole";
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = $"Test {role}", role, password = UserPassword });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedUserView>();
        return (created!.User.Id, email);
    }

    /// <summary>A browser-like client signed in through the real sign-in form as a user of this role.</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        var (_, email) = await _usersByRole.GetOrAdd(role, r => new Lazy<Task<(string, string)>>(() => CreateUserAsync(r))).Value;
        var client = Anonymous();
        var response = await SignInAsync(client, email, UserPassword);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
