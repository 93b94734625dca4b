using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>An alert as Alertmanager's API takes it; without <see cref="StartsAt"/> it starts now, without <see cref="EndsAt"/> it fires until Alertmanager's resolve_timeout (5 min).</summary>
public sealed record PostableAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string>? Annotations = null,
    DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, string? GeneratorUrl = null);

/// <summary>
/// A real Alertmanager (Debian's prometheus-alertmanager, which scripts/test.sh installs) as a child process on a
/// loopback port, with one route that sends every group, grouped by alertname and model, to a console's
/// <c>POST /api/integrations/alertmanager</c> with a bearer API key, resolutions included. Group wait and interval are
/// 1 s, so a posted alert reaches the webhook about a second later.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string WebhookPath = "/api/integrations/alertmanager";

    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    readonly DirectoryInfo _directory;
    readonly ConcurrentQueue<string> _output = new();
    readonly ConcurrentDictionary<string, PostableAlert> _posted = new(StringComparer.Ordinal);
    readonly HttpClient _client;
    Process? _process;

    AlertmanagerProcess(DirectoryInfo directory, Uri baseAddress)
    {
        _directory = directory;
        BaseAddress = baseAddress;
        _client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>Alertmanager's last lines of output (debug level: every alert received and every notification sent), for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    /// <summary>Starts Alertmanager with the webhook to <paramref name="console"/> and waits until it reports ready.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(Uri console, string apiKey, CancellationToken cancellationToken)
    {
        var binary = Binary();
        var directory = Directory.CreateTempSubdirectory("opsconsole-alertmanager-");
        var port = ConsoleProcess.FreePort();
        var alertmanager = new AlertmanagerProcess(directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            var config = Path.Combine(directory.FullName, "alertmanager.yml");
            await File.WriteAllTextAsync(config, Config(console, apiKey), cancellationToken);
            alertmanager.Start(binary,
            [
                $"--config.file={config}", $"--storage.path={Path.Combine(directory.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                // Without it the payload's externalURL names this machine's hostname, which need not resolve.
                $"--web.external-url={alertmanager.BaseAddress}",
                "--cluster.listen-address=",   // empty: no gossip port, no peers
                "--log.level=debug",
            ]);
            await alertmanager.WaitUntilReadyAsync(cancellationToken);
            return alertmanager;
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts alerts to Alertmanager's own API (<c>POST /api/v2/alerts</c>), as Prometheus does, and remembers them for <see cref="ResolveAsync"/>.</summary>
    public async Task PostAlertsAsync(IEnumerable<PostableAlert> alerts, CancellationToken cancellationToken)
    {
        var list = alerts.ToList();
        var body = list.Select(a => new { labels = a.Labels, annotations = a.Annotations, startsAt = a.StartsAt, endsAt = a.EndsAt, generatorURL = a.GeneratorUrl });
        using var response = await _client.PostAsJsonAsync("/api/v2/alerts", body, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Alertmanager refused the alerts with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}\n{RecentOutput}");
        }
        foreach (var alert in list) _posted[Identity(alert.Labels)] = alert;
    }

    /// <summary>
    /// Resolves every alert posted here whose labels include <paramref name="labels"/> by posting it again with endsAt
    /// now. It goes out whole: Alertmanager keeps the annotations and generatorURL of the latest post, so a post with
    /// only the labels would resolve an alert whose summary and link are gone.
    /// </summary>
    public async Task ResolveAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var matching = _posted.Values.Where(a => labels.All(l => a.Labels.TryGetValue(l.Key, out var value) && value == l.Value)).ToList();
        if (matching.Count == 0) throw new InvalidOperationException($"No alert posted here has the labels {Identity(labels)}.");
        var now = TimeProvider.System.GetUtcNow();
        await PostAlertsAsync(matching.Select(a => a with { EndsAt = now }), cancellationToken);
    }

    static string Config(Uri console, string apiKey) => $"""
        route:
          receiver: console
          group_by: [alertname, model]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: console
            webhook_configs:
              - url: {Quoted(console.ToString().TrimEnd('/') + WebhookPath)}
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: {Quoted(apiKey)}
        """;

    static string Quoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    static string Identity(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    /// <summary>ALERTMANAGER_PATH (scripts/test.sh exports it), else prometheus-alertmanager on PATH.</summary>
    static string Binary()
    {
        if (Environment.GetEnvironmentVariable("ALERTMANAGER_PATH") is { Length: > 0 } set)
        {
            Assert.True(File.Exists(set), $"ALERTMANAGER_PATH names {set}, which does not exist.");
            return set;
        }
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "prometheus-alertmanager")).FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "prometheus-alertmanager is not installed: run scripts/test.sh, which installs Debian's prometheus-alertmanager package, or set ALERTMANAGER_PATH.");
        return found;
    }

    void Start(string binary, string[] arguments)
    {
        var start = new ProcessStartInfo(binary, arguments)
        {
            WorkingDirectory = _directory.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        // Drain both pipes so a chatty debug log never blocks the process on a full buffer; keep the tail.
        DataReceivedEventHandler keep = (sender, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            while (_output.Count > 200) _output.TryDequeue(out _);
        };
        _process.OutputDataReceived += keep;
        _process.ErrorDataReceived += keep;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < StartTimeout)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode} while starting:\n{RecentOutput}");
            try
            {
                using var response = await _client.GetAsync("/-/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"Alertmanager was not ready within {StartTimeout.TotalSeconds} s:\n{RecentOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        _client.Dispose();
        try { _directory.Delete(recursive: true); } catch (IOException) { }
    }
}
