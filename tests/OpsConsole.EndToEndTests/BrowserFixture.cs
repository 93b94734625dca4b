using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpsConsole.Identity;

[assembly: AssemblyFixture(typeof(OpsConsole.BrowserFixture))]

namespace OpsConsole;

/// <summary>
/// The real console on a real 127.0.0.1 port (Kestrel, fresh temp data directory) and Debian's Chromium driven by
/// Playwright; one of each per test assembly. Each test opens its own browser context, so cookies never leak.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminEmail = "root@e2e.opsconsole";
    public const string AdminPassword = "End-To-End-Tests-2026!";
    public const string BootstrapKey = "opc_end-to-end-bootstrap-key-0123456789abcd";
    public const string UserPassword = "E2E-User-Password-1!";

    readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "opsconsole-e2e-" + Guid.NewGuid().ToString("N"));
    ConsoleHost? _host;
    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The running console's services, for arranging state no API creates (e.g. past drift runs).</summary>
    public IServiceProvider Services => _host!.Services;

    /// <summary>Where screenshots go, for a person to look at the pages (not compared by tests).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(FindRepoRoot(), "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);   // Chromium on two cores, first render of MudBlazor
        _host = new ConsoleHost(_dataDirectory);
        _host.UseKestrel(0);
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Directory.CreateDirectory(ScreenshotDirectory);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(string timeZone = "Europe/Berlin")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real form and waits until the interactive circuit is up.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#shell")).ToHaveAttributeAsync("data-interactive", "yes");
    }

    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, BootstrapKey);
        return client;
    }

    public async Task<(string Id, string Email)> CreateUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@e2e.opsconsole";
        using var api = Api();
        var response = await api.PostAsJsonAsync("/api/users", new { email, displayName = $"E2E {role}", role, password = UserPassword });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedUserView>();
        return (created!.User.Id, email);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OpsConsole.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }

    sealed class ConsoleHost(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");   // static web assets (MudBlazor's CSS and JS) are served from the build output
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bootstrap:ApiKey", BootstrapKey);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Jobs:HeartbeatSeconds", "5");   // pages that show the last beat have one within seconds
            builder.UseSetting("Jobs:SchedulePollingSeconds", "1");
            builder.UseSetting("Alerting:EvaluationSeconds", "2");   // a drill is caught within seconds
            builder.UseSetting("Alerting:SlowSignalCacheSeconds", "3");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        }
    }
}
