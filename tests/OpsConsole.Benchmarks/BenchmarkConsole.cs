using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole;

/// <summary>
/// The real console in the benchmark process, listening on a real 127.0.0.1 port (Kestrel, not the in-memory test
/// server, so HTTP figures include sockets), on a fresh SQLite file in a temp data directory with the real migrations:
/// started as tests/OpsConsole.EndToEndTests/BrowserFixture.cs starts it. One per benchmark process, which is what
/// BenchmarkDotNet gives each case; Hangfire keeps static state, so two in one process would not be independent.
/// Models are registered through the HTTP API as a script would, with separation of duties (an author and an approver).
/// </summary>
public sealed class BenchmarkConsole : IAsyncDisposable
{
    public const string BootstrapKey = "opc_benchmark-bootstrap-key-0123456789abcdef";

    readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "opsconsole-bench-app-" + Guid.NewGuid().ToString("N"));
    readonly ConsoleHost _host;

    BenchmarkConsole()
    {
        _host = new ConsoleHost(_dataDirectory);
        _host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        BaseAddress = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public static BenchmarkConsole Start() => new();

    public IServiceProvider Services => _host.Services;

    public Uri BaseAddress { get; }

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    /// <summary>
    /// A client of the loopback port that presents <paramref name="key"/>, as any API caller would; never through a
    /// proxy the environment may name, so that the figures are loopback ones.
    /// </summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public async Task<string> CreateKeyAsync(string role)
    {
        using var admin = Client(BootstrapKey);
        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = $"bench-{role.ToLowerInvariant()}-{Guid.NewGuid():N}", role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyView>())!.Key;
    }

    /// <summary>
    /// Registers a model named after the fixture, uploads it <paramref name="versions"/> times (each upload is a version
    /// of its own), puts v1 in production and stages the next <paramref name="shadows"/> versions as shadows.
    /// <paramref name="suffix"/> tells apart several models of one fixture in the same console.
    /// </summary>
    public async Task<string> ServeAsync(string fixture, object? metadata = null, int versions = 1, int shadows = 0, string suffix = "")
    {
        using var author = Client(await CreateKeyAsync(Roles.Engineer));
        using var approver = Client(await CreateKeyAsync(Roles.Engineer));   // whoever uploaded may not promote
        var model = "bench-" + Path.GetFileNameWithoutExtension(fixture).Replace('_', '-') + suffix;
        await CheckAsync(await author.PostAsJsonAsync("/api/models", new { name = model, description = "benchmark model", task = "classification" }));
        var artifact = Fixture(fixture);
        for (var i = 0; i < versions; i++) await CheckAsync(await UploadAsync(author, model, artifact, metadata));
        await CheckAsync(await StageAsync(approver, model, 1, "production"));
        for (var version = 2; version < 2 + shadows; version++) await CheckAsync(await StageAsync(approver, model, version, "shadow"));
        return model;
    }

    static Task<HttpResponseMessage> UploadAsync(HttpClient client, string model, byte[] artifact, object? metadata)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(artifact);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "model.onnx");
        if (metadata is not null) form.Add(new StringContent(JsonSerializer.Serialize(metadata, RegistryJson.Options)), "metadata");
        return client.PostAsync($"/api/models/{model}/versions", form);
    }

    static Task<HttpResponseMessage> StageAsync(HttpClient client, string model, int version, string stage) =>
        client.PostAsJsonAsync($"/api/models/{model}/versions/{version}/stage", new { stage, trafficPercent = (int?)null, reason = "benchmark", @override = false });

    // A setup that half-failed would measure error paths, so every step must have succeeded, and say why not.
    static async Task CheckAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    // Any public type of OpsConsole.Web names the app's assembly to the factory; "Program" itself would resolve to this
    // project's own top-level entry point.
    sealed class ConsoleHost(string dataDirectory) : WebApplicationFactory<Components.App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");   // as the test hosts run it: static web assets come from the build output
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Bootstrap:AdminEmail", "root@bench.opsconsole");
            builder.UseSetting("Bootstrap:AdminPassword", "Benchmark-Console-2026!");
            builder.UseSetting("Bootstrap:ApiKey", BootstrapKey);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        }
    }
}
