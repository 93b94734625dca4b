using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Scoring;

/// <summary>
/// Whether shadow versions slow down the answer callers get. Shadows are scored by the shadow worker, off the request
/// path, but on the same cores, and their comparisons and predictions go through the same database; the request path
/// only offers each request to a bounded queue. Measured: one record through <see cref="RecordScorer"/> on the linear
/// model with no shadow, and with versions 2 and 3 (the same artifact) both shadowing every request. BenchmarkDotNet
/// cannot make a parameter value the baseline, so read the Shadows=2 row against the Shadows=0 row; the per-call p50
/// the target is about is printed at the end of each case (see <see cref="LatencyRecorder"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ShadowOverheadBenchmarks
{
    static readonly object LinearContract = new
    {
        labels = new[] { "yes", "no" },
        featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
    };

    static readonly ScoreRequest OneRecord = new(
        [new Dictionary<string, JsonElement> { ["a"] = Number(1.0), ["b"] = Number(2.0), ["c"] = Number(3.0) }], null, null);

    readonly LatencyRecorder _latency = new();
    BenchmarkConsole _console = default!;
    RecordScorer _scorer = default!;
    string _model = "";

    [Params(0, 2)]
    public int Shadows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _console = BenchmarkConsole.Start();
        // Three versions either way, so the two cases differ only in what is staged.
        _model = await _console.ServeAsync("linear_classifier.onnx", LinearContract, versions: 3, shadows: Shadows);
        _scorer = _console.Services.GetRequiredService<RecordScorer>();
        await ScoreOneRecord();   // reads the serving plan and loads the primary before the first iteration
        _latency.Clear();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _latency.Report($"RecordScorer.ScoreAsync with {Shadows} shadows");
        await _console.DisposeAsync();
    }

    [Benchmark]
    public async Task<ScoreResponse> ScoreOneRecord()
    {
        var started = TimeProvider.System.GetTimestamp();
        var result = await _scorer.ScoreAsync(_model, OneRecord, CancellationToken.None);
        _latency.Add(TimeProvider.System.GetElapsedTime(started));
        return result.Response ?? throw new InvalidOperationException($"{result.Status}: {result.Problem}");
    }

    static JsonElement Number(double value) => JsonSerializer.SerializeToElement(value);
}
