using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

/// <summary>
/// The built console as a child process on a real 127.0.0.1 port, with a fresh data directory and the real migrations:
/// for tools outside this test process (promtool, Prometheus) that need a real endpoint. The in-process
/// <see cref="TestApp"/> has no socket, and a second in-process host would share Hangfire's static state.
/// </summary>
public sealed class ConsoleProcess : IAsyncLifetime
{
    public const string AdminKey = "opc_console-process-bootstrap-key-0123456789ab";

    readonly string _data = Path.Combine(Path.GetTempPath(), "opsconsole-process-" + Guid.NewGuid().ToString("N"));
    readonly ConcurrentQueue<string> _output = new();
    Process? _process;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The console's last lines of output, for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var web = WebAssembly();
        var start = new ProcessStartInfo("dotnet", [web, "--urls", BaseAddress.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = _data;
        start.Environment["Bootstrap__ApiKey"] = AdminKey;
        start.Environment["Bootstrap__AdminEmail"] = "root@process.opsconsole";
        start.Environment["Bootstrap__AdminPassword"] = "Console-Process-Tests-2026!";
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Monitoring__KpiGaugeSeconds"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        // Drain the pipes so a chatty process never blocks on a full buffer; keep the tail for failure messages.
        DataReceivedEventHandler keep = (sender, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            while (_output.Count > 100) _output.TryDequeue(out _);
        };
        _process.OutputDataReceived += keep;
        _process.ErrorDataReceived += keep;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilLiveAsync();
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public HttpClient Admin() => Client(AdminKey);

    public async Task<string> CreateKeyAsync(string role, CancellationToken cancellationToken)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}", role }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyView>(cancellationToken))!.Key;
    }

    async Task WaitUntilLiveAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The console exited while starting:\n{RecentOutput}");
            try
            {
                if ((await client.GetAsync("/health/live", cancel)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, cancel);
        }
        throw new TimeoutException($"The console did not start within 60 s:\n{RecentOutput}");
    }

    // The app the solution build produced, in the configuration this test was built in.
    static string WebAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsConsole.sln"))) directory = directory.Parent;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(directory!.FullName, "src", "OpsConsole.Web", "bin", configuration, "net10.0", "OpsConsole.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
