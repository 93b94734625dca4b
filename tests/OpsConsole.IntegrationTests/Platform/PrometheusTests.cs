using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsConsole.Identity;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Platform;

/// <summary>
/// /metrics as Prometheus itself sees it, with Debian's prometheus package (promtool and the server), which
/// scripts/test.sh installs: the text passes promtool's lint, and a real Prometheus on loopback scrapes the console
/// with a bearer key and answers a query for a model's prediction counter.
/// </summary>
public sealed class PrometheusTests(ConsoleProcess console) : IClassFixture<ConsoleProcess>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_metrics_after_scoring_traffic_pass_promtools_lint()
    {
        var promtool = Tool("PROMTOOL_PATH", "promtool");
        var day = Today();
        var model = await ServeAndScoreAsync(requests: 3, rowsPerRequest: 4);
        using var admin = console.Admin();
        var rejected = await admin.PostAsJsonAsync($"/api/score/{model}", new { records = new[] { new { a = "not a number" } } }, Cancel);
        using var viewer = console.Client(await console.CreateKeyAsync(Roles.Viewer, Cancel));
        // The KPI gauges refresh every second here: wait until the model's volume counts the 12 predictions (or the UTC
        // day turned since they were made, which starts the count again at 0), so the scrape has every series.
        var scrape = await MetricsScrape.UntilAsync(viewer, text => MetricsScrape.Lines(text, "opsconsole_kpi_volume", model).Any(l => l.EndsWith(" 12", StringComparison.Ordinal) || Today() != day),
            Cancel, TimeSpan.FromSeconds(30));

        var (code, output) = await RunAsync(promtool, ["check", "metrics"], scrape);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("opsconsole_scoring_predictions_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("opsconsole_scoring_latency_seconds_bucket{", scrape, StringComparison.Ordinal);
        Assert.Contains("opsconsole_scoring_errors_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("opsconsole_scoring_contract_violations_total{", scrape, StringComparison.Ordinal);
        Assert.NotEmpty(MetricsScrape.Lines(scrape, "opsconsole_kpi_volume", model));
        Assert.True(code == 0 && output.Length == 0, $"promtool check metrics exited {code}:\n{output}");
    }

    [Fact]
    public async Task A_real_prometheus_scrapes_the_console_and_answers_for_a_models_prediction_counter()
    {
        var prometheusPath = Tool("PROMETHEUS_PATH", "prometheus");
        var model = await ServeAndScoreAsync(requests: 5, rowsPerRequest: 3);
        var viewerKey = await console.CreateKeyAsync(Roles.Viewer, Cancel);
        var directory = Directory.CreateTempSubdirectory("opsconsole-prometheus-");
        var port = ConsoleProcess.FreePort();
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: opsconsole
                metrics_path: /metrics
                authorization:
                  credentials: {viewerKey}
                static_configs:
                  - targets: ['{console.BaseAddress.Authority}']
            """, Cancel);
        var log = new ConcurrentQueue<string>();
        using var prometheus = Start(prometheusPath, log,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var query = $"opsconsole_scoring_predictions_total{{model=\"{model}\"}}";

            var series = await QueryUntilAsync(client, prometheus, log, query, expected: 15);

            var sample = Assert.Single(series);
            Assert.Equal("1", sample.GetProperty("metric").GetProperty("version").GetString());
            Assert.Equal("production", sample.GetProperty("metric").GetProperty("served_by").GetString());
            Assert.Equal(15, Value(sample));
        }
        finally
        {
            if (!prometheus.HasExited) prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync(Cancel);
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A new model with v1 in production (registered by the admin, approved by an engineer), then the traffic.</summary>
    async Task<string> ServeAndScoreAsync(int requests, int rowsPerRequest)
    {
        using var admin = console.Admin();
        using var engineer = console.Client(await console.CreateKeyAsync(Roles.Engineer, Cancel));
        var model = await CreateModelAsync(admin);
        (await UploadAsync(admin, model, UniqueFixture("linear_classifier.onnx"), Contract())).EnsureSuccessStatusCode();
        (await StageAsync(engineer, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        for (var i = 0; i < requests; i++) await ScoreOkAsync(admin, model, Records(rowsPerRequest), Cancel);
        return model;
    }

    // Prometheus scrapes every second; wait until a sample with the expected value is stored, for at most 30 s.
    static async Task<List<JsonElement>> QueryUntilAsync(HttpClient client, Process prometheus, ConcurrentQueue<string> log, string query, double expected)
    {
        var started = TimeProvider.System.GetTimestamp();
        var series = new List<JsonElement>();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            Assert.False(prometheus.HasExited, $"Prometheus exited:\n{string.Join('\n', log)}");
            try
            {
                using var answer = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", Cancel));
                series = [.. answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone())];
                if (series.Count > 0 && series.All(s => Value(s) == expected)) return series;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500, Cancel);
        }
        Assert.Fail($"Prometheus answered {query} with {JsonSerializer.Serialize(series)} after 30 s; its targets: {await TargetsAsync(client)}\n{string.Join('\n', log)}");
        return series;
    }

    static async Task<string> TargetsAsync(HttpClient client)
    {
        try { return await client.GetStringAsync("/api/v1/targets", Cancel); } catch (HttpRequestException e) { return e.Message; }
    }

    static double Value(JsonElement sample) => double.Parse(sample.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The tool from Debian's prometheus package; missing means this machine skipped scripts/test.sh's install step.</summary>
    static string Tool(string variable, string name)
    {
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set : Path.Combine("/usr/bin", name);
        Assert.True(File.Exists(path), $"{name} is not installed ({path} is missing): run scripts/test.sh, which installs Debian's prometheus package, or set {variable}.");
        return path;
    }

    static Process Start(string file, ConcurrentQueue<string> log, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start)!;
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is not null) log.Enqueue(e.Data);
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, string input)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.StandardInput.WriteAsync(input.AsMemory(), Cancel);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, ((await output) + (await error)).Trim());
    }
}
