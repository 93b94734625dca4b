using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using OpsConsole.Identity;

namespace OpsConsole.Scoring;

/// <summary>
/// The ingestion durability contract, tested the hard way: the console runs as its own process, acknowledges batches,
/// is killed with SIGKILL straight after the last 200, and on restart every acknowledged row is in the database.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    const string Key = "opc_crash-safety-bootstrap-key-0123456789abcdef";
    readonly string _data = Path.Combine(Path.GetTempPath(), "opsconsole-crash-" + Guid.NewGuid().ToString("N"));
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_acknowledged_prediction_survives_a_kill_9_right_after_the_acknowledgement()
    {
        var port = FreePort();
        using var first = Start(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, Key);
        await WaitUntilLiveAsync(client, first);
        (await client.PostAsJsonAsync("/api/models", new { name = "crash", task = "classification" }, Cancel)).EnsureSuccessStatusCode();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "linear_classifier.onnx"), Cancel)), "file", "model.onnx");
            (await client.PostAsync("/api/models/crash/versions", form, Cancel)).EnsureSuccessStatusCode();
        }

        var acknowledged = new List<string>();
        for (var batch = 0; batch < 8; batch++)
        {
            var body = new
            {
                model = "crash", version = 1,
                predictions = Enumerable.Range(0, 250).Select(i => new { requestId = $"b{batch}-{i}", timestamp = TimeProvider.System.GetUtcNow(), features = new { a = i }, label = "yes", confidence = 0.9 }).ToArray(),
            };
            var response = await client.PostAsJsonAsync("/api/predictions", body, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged.AddRange((await response.Content.ReadFromJsonAsync<IngestResponse>(Cancel))!.PredictionIds);
        }
        first.Kill();   // SIGKILL: no shutdown hook, no drain
        await first.WaitForExitAsync(Cancel);

        using var second = Start(port);
        await WaitUntilLiveAsync(client, second);
        var stored = await StoredIdsAsync();
        second.Kill();
        await second.WaitForExitAsync(Cancel);

        Assert.Equal(2000, acknowledged.Count);
        Assert.Empty(acknowledged.Except(stored));
    }

    async Task<HashSet<string>> StoredIdsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "opsconsole.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Predictions WHERE Model = 'crash'";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel)) ids.Add(reader.GetString(0));
        return ids;
    }

    Process Start(int port)
    {
        var web = WebAssembly();
        var start = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = _data;
        start.Environment["Bootstrap__ApiKey"] = Key;
        start.Environment["Bootstrap__AdminEmail"] = "root@crash.opsconsole";
        start.Environment["Bootstrap__AdminPassword"] = "Crash-Safety-Tests-2026!";
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task WaitUntilLiveAsync(HttpClient client, Process process)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, "The console exited while starting.");
            try
            {
                if ((await client.GetAsync("/health/live", Cancel)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, Cancel);
        }
        Assert.Fail("The console did not start within 60 s.");
    }

    // The app the solution build produced, in the configuration this test was built in.
    static string WebAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsConsole.sln"))) directory = directory.Parent;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(directory!.FullName, "src", "OpsConsole.Web", "bin", configuration, "net10.0", "OpsConsole.Web.dll");
        Assert.True(File.Exists(path), $"Build the solution first: {path} is missing.");
        return path;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
