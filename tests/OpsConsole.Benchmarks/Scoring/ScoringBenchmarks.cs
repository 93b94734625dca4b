using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpsConsole.Identity;

namespace OpsConsole.Scoring;

/// <summary>
/// What the console adds to ONNX Runtime for one scoring call. The baseline is a raw <c>InferenceSession.Run</c> on a
/// tensor built beforehand: the floor for this model on this machine. Against it: the V2 tensor form in-process
/// (<see cref="TensorScorer"/>: request checks, serving chain, a prediction-log row per input row, metrics), from a
/// parsed V2 JSON body and from tensors as the baseline has them, the same
/// request over HTTP on a real loopback socket (adds JSON both ways, Kestrel, API-key authentication), and the records
/// form over HTTP (adds the data contract check; the linear model only, the MLP has no contract). Batch 1 asks about
/// latency, batch 256 about throughput; the small linear model shows the fixed cost, the MLP a realistic share of it.
/// </summary>
[MemoryDiagnoser]   // counts every thread's allocations: the server side and the log writer are included
[Config(typeof(ScoringBenchmarks.RecordsFormNeedsAContract))]
public class ScoringBenchmarks
{
    const string Linear = "linear_classifier.onnx";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly object LinearContract = new
    {
        labels = new[] { "yes", "no" },
        featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
    };

    readonly LatencyRecorder _httpLatency = new();
    BenchmarkConsole _console = default!;
    InferenceSession _session = default!;
    List<NamedOnnxValue> _tensors = [];
    TensorScorer _scorer = default!;
    V2InferRequest _request = default!;
    TensorInferRequest _typedRequest = default!;
    HttpClient _client = default!;
    string _model = "";
    byte[] _v2Body = [];
    byte[] _recordsBody = [];

    [Params(Linear, "mlp_classifier.onnx")]
    public string Model { get; set; } = Linear;

    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // Default options plus full graph optimization, as ModelHost loads a version: the floor, not a tuned session.
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(BenchmarkConsole.Fixture(Model), options);
        var (input, metadata) = _session.InputMetadata.Single();
        var width = metadata.Dimensions[1];
        var values = Features(Batch * width);
        _tensors = [NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(values, [Batch, width]))];

        _console = BenchmarkConsole.Start();
        var hasContract = Model == Linear;
        _model = await _console.ServeAsync(Model, hasContract ? LinearContract : null);
        _scorer = _console.Services.GetRequiredService<TensorScorer>();
        _request = new V2InferRequest(null, [new V2Input(input, [Batch, width], "FP32", JsonSerializer.SerializeToElement(values))], null);
        // Its own tensor, not the baseline's: the log and the shadows keep a reference to what they were given.
        _typedRequest = new TensorInferRequest(null, [NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(values.ToArray(), [Batch, width]))], null);
        _v2Body = JsonSerializer.SerializeToUtf8Bytes(_request, Json);
        if (hasContract) _recordsBody = JsonSerializer.SerializeToUtf8Bytes(new { records = Records(values) }, Json);
        _client = _console.Client(await _console.CreateKeyAsync(Roles.Viewer));   // callers score with the least role that may

        // One call down each path: the serving plan is read and the connection opened here, not in the first iteration.
        await InProcessTensorScorer();
        await InProcessTensors();
        await HttpV2Infer();
        if (hasContract) await HttpRecordsForm();
        _httpLatency.Clear();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _httpLatency.Report($"HttpV2Infer, {Model}, batch {Batch}");
        _client.Dispose();
        _session.Dispose();
        await _console.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public float RawSessionRun()
    {
        using var outputs = _session.Run(_tensors);
        return outputs[0].AsTensor<float>().GetValue(0);
    }

    // The JSON of the request is parsed once in setup: what is measured is the console's work from a parsed body on.
    [Benchmark]
    public async Task<V2InferResponse> InProcessTensorScorer()
    {
        var result = await _scorer.InferAsync(_model, null, _request, CancellationToken.None);
        return result.Response ?? throw new InvalidOperationException($"{result.Status}: {result.Error}");
    }

    // The same request as tensors, as the baseline gets them: what the console adds to the model run itself.
    [Benchmark]
    public async Task<V2InferResponse> InProcessTensors()
    {
        var result = await _scorer.InferAsync(_model, null, _typedRequest, CancellationToken.None);
        return result.Response ?? throw new InvalidOperationException($"{result.Status}: {result.Error}");
    }

    [Benchmark]
    public async Task<int> HttpV2Infer()
    {
        var started = TimeProvider.System.GetTimestamp();
        var status = await PostAsync($"/v2/models/{_model}/infer", _v2Body);
        _httpLatency.Add(TimeProvider.System.GetElapsedTime(started));
        return status;
    }

    [Benchmark]
    public Task<int> HttpRecordsForm() => PostAsync($"/api/score/{_model}", _recordsBody);

    // The client's share (a body per request, reading the whole answer) is part of what a caller waits for.
    async Task<int> PostAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync(path, content);
        response.EnsureSuccessStatusCode();
        return (int)response.StatusCode;
    }

    // Seeded, so every run and every case scores the same numbers.
    static float[] Features(int count)
    {
        var random = new Random(42);
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    // The same numbers as the tensor, named by the linear model's contract (a, b, c per row).
    static List<Dictionary<string, float>> Records(float[] values) =>
        [.. values.Chunk(3).Select(row => new Dictionary<string, float> { ["a"] = row[0], ["b"] = row[1], ["c"] = row[2] })];

    /// <summary>
    /// Leaves out the records form for models without a data contract, where it can only answer 409; and, when
    /// <c>OPSCONSOLE_BENCH_MODEL</c> or <c>OPSCONSOLE_BENCH_BATCH</c> is set (a fixture name, a batch size), every case
    /// of another model or batch, so that one case can be measured repeatedly in A/B runs.
    /// </summary>
    public sealed class RecordsFormNeedsAContract : ManualConfig
    {
        public RecordsFormNeedsAContract()
        {
            AddFilter(new SimpleFilter(b => b.Descriptor.WorkloadMethod.Name != nameof(HttpRecordsForm) || b.Parameters[nameof(Model)] is Linear));
            if (Environment.GetEnvironmentVariable("OPSCONSOLE_BENCH_MODEL") is { Length: > 0 } model)
                AddFilter(new SimpleFilter(b => Equals(b.Parameters[nameof(Model)], model)));
            if (Environment.GetEnvironmentVariable("OPSCONSOLE_BENCH_BATCH") is { Length: > 0 } batch)
                AddFilter(new SimpleFilter(b => b.Parameters[nameof(Batch)]?.ToString() == batch));
        }
    }
}
