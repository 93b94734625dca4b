using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Scoring;

/// <summary>
/// A stopwatch profile of where an in-process V2 call's time goes, piece by piece, in the running console
/// (<c>./OpsConsole.Benchmarks profile-scoring [model] [batch]</c>, run from the Release build output). It times the
/// parts <see cref="TensorScorer"/> is made of, each on its own in a loop, then whole calls while the prediction log
/// keeps up (its queue not full) and once the queue is full and scoring waits for the writer. Not a benchmark: no
/// statistics, one process; it says where to look.
/// </summary>
public static class ScoringProfile
{
    public static async Task RunAsync(string fixture, int batch)
    {
        await using var console = BenchmarkConsole.Start();
        var model = await console.ServeAsync(fixture);
        var scorer = console.Services.GetRequiredService<TensorScorer>();
        var writer = console.Services.GetRequiredService<PredictionLogWriter>();
        using var session = new InferenceSession(BenchmarkConsole.Fixture(fixture), new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL });
        var (input, metadata) = session.InputMetadata.Single();
        var width = metadata.Dimensions[1];
        var random = new Random(42);
        var values = new float[batch * width];
        for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        var tensor = NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(values, [batch, width]));
        var json = JsonSerializer.SerializeToElement(values);
        var request = new V2InferRequest(null, [new V2Input(input, [batch, width], "FP32", json)], null);
        var typed = new TensorInferRequest(null, [tensor], null);
        var n = Math.Max(100, 20_000 / batch);

        Console.WriteLine($"Profile of {fixture}, batch {batch}, {n} calls per line (us per call):");
        Time("raw session.Run", n, () => { using var o = session.Run([tensor]); return o.Count; });
        Time("V2 JSON -> tensor (ToOnnx)", n, () => V2Tensors.ToOnnx(input, "FP32", [batch, width], json, batch * width));
        Time("V2 JSON -> float[], element by element", n, () => ElementByElement(json, batch * width));
        Time("V2 JSON, counting the values", n, () => V2Tensors.Count(json));
        var doubles = values.Select(v => (double)v).ToArray();
        Time("copy to double[] (the old summaries' input)", n, () => values.Select(v => (double)v).ToArray());
        Time("summaries of the tensor", n, () => TensorInputs.PerRow(tensor, batch));
        Time("summaries of a double[] copy", n, () => TensorSummary.PerRow(doubles, batch));
        var summaries = new List<(string, IReadOnlyList<TensorSummary>)> { (input, TensorInputs.PerRow(tensor, batch)) };
        Time("summary JSON, every row", n, () => { var last = ""; for (var r = 0; r < batch; r++) last = LogJson.Summaries(summaries, r); return last; });
        Time("ids, every row", n, () => { var last = ""; for (var r = 0; r < batch; r++) last = PredictionIds.New(); return last; });
        Time("Guid v7 ids, every row", n, () => { var last = ""; for (var r = 0; r < batch; r++) last = Guid.CreateVersion7().ToString("N"); return last; });
        using (var outputs = session.Run([tensor]))
        {
            var list = outputs.ToList();
            Time("PredictionReader.Read", n, () => PredictionReader.Read(list, []));
            var rows = PredictionReader.Read(list, []);
            Time("probabilities JSON, every row", n, () => { string? last = null; for (var r = 0; r < batch; r++) last = LogJson.Probabilities(rows[r].Probabilities); return last; });
            Time("V2 response outputs", n, () => list.Select(V2Tensors.FromOnnx).ToList());
        }

        // Whole calls: first while the log's queue has room (the writer's share runs beside, on the other core), then
        // again after the queue has been filled, when each call waits for the writer to make room.
        var written = writer.Written;
        await TimeAsync("InferAsync (V2 JSON), queue has room", n, () => scorer.InferAsync(model, null, request, CancellationToken.None));
        await TimeAsync("InferAsync (tensors), queue has room", n, () => scorer.InferAsync(model, null, typed, CancellationToken.None));
        while (writer.Pending > 0) await Task.Delay(10);
        var rowsWritten = writer.Written - written;
        Console.WriteLine($"  writer committed {rowsWritten} rows; pending now {writer.Pending}");
        if (batch > 1)
        {
            // More than the queue holds, so that the calls timed after it wait for the writer.
            for (var i = 0; i < 120_000 / batch; i++) await scorer.InferAsync(model, null, typed, CancellationToken.None);
            await TimeAsync("InferAsync (tensors), queue full", n, () => scorer.InferAsync(model, null, typed, CancellationToken.None));
            Console.WriteLine($"  pending after: {writer.Pending}");
        }
    }

    // How the V2 form read its data before (a JsonElement per value), for comparison.
    static float[] ElementByElement(JsonElement data, int count)
    {
        var values = new float[count];
        var at = 0;
        void Walk(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array) { values[at++] = element.GetSingle(); return; }
            foreach (var item in element.EnumerateArray()) Walk(item);
        }
        Walk(data);
        return values;
    }

    // Warmed as long as measured, so that tiered compilation has reached its optimized code before the clock starts.
    static void Time(string what, int n, Func<object?> action)
    {
        for (var i = 0; i < n; i++) GC.KeepAlive(action());
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < n; i++) GC.KeepAlive(action());
        Print(what, TimeProvider.System.GetElapsedTime(started) / n);
    }

    static async Task TimeAsync<T>(string what, int n, Func<Task<T>> action)
    {
        for (var i = 0; i < n; i++) await action();
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < n; i++) await action();
        Print(what, TimeProvider.System.GetElapsedTime(started) / n);
    }

    static void Print(string what, TimeSpan perCall) =>
        Console.WriteLine($"  {what,-42} {perCall.TotalMicroseconds.ToString("0.0", CultureInfo.InvariantCulture),10}");
}
