using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>The in-process tensor entry point of <see cref="TensorScorer"/>, against the V2 JSON form it shares its path with.</summary>
public class InProcessTensorTests(TestApp app)
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<string> ServingAsync()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, fixture: "two_inputs_two_outputs.onnx");
        (await StageAsync(approver, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        return model;
    }

    static TensorInferRequest Typed(string id, float[] x) => new(id,
    [
        NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x, [2, 2])),
        NamedOnnxValue.CreateFromTensor("y", new DenseTensor<float>(new float[] { 10, 20, 30, 40 }, [2, 2])),
        NamedOnnxValue.CreateFromTensor("n", new DenseTensor<long>(new long[] { 1, 2 }, [2, 1])),
    ], null);

    [Fact]
    public async Task Tensors_in_process_are_answered_and_logged_exactly_as_the_same_V2_json_request()
    {
        var model = await ServingAsync();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        const string Json = """
            { "id": "as-json",
              "inputs": [
                { "name": "x", "shape": [2, 2], "datatype": "FP32", "data": [[1.5, -2], [3, 4e-3]] },
                { "name": "y", "shape": [2, 2], "datatype": "FP32", "data": [10, 20, 30, 40] },
                { "name": "n", "shape": [2, 1], "datatype": "INT64", "data": [1, 2] } ] }
            """;
        var scorer = app.Services.GetRequiredService<TensorScorer>();

        var overHttp = await client.PostAsync($"/v2/models/{model}/infer", new StringContent(Json, Encoding.UTF8, "application/json"), Cancel);
        var inProcess = await scorer.InferAsync(model, null, Typed("as-tensors", [1.5f, -2, 3, 4e-3f]), Cancel);
        await WaitForCountAsync(app, db => PredictionsOf(db, model), 4, Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var logged = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.Where(p => p.Model == model).ToListAsync(Cancel);

        using var body = JsonDocument.Parse(await overHttp.Content.ReadAsStringAsync(Cancel));
        var fromJson = JsonSerializer.Serialize(body.RootElement.GetProperty("outputs"));
        var fromTensors = JsonSerializer.Serialize(inProcess.Response!.Outputs, Web);
        Assert.Equal(fromJson, fromTensors);
        Assert.Equal(("production", 200), (inProcess.ServedBy, inProcess.Status));
        string[] Features(string id) => [.. logged.Where(p => p.RequestId == id).Select(p => p.FeaturesJson).Order(StringComparer.Ordinal)];
        Assert.Equal(2, Features("as-tensors").Length);
        Assert.Equal(Features("as-json"), Features("as-tensors"));
    }

    [Fact]
    public async Task A_tensor_of_the_wrong_type_is_refused_with_the_sentence_the_V2_form_gives()
    {
        var model = await ServingAsync();
        var scorer = app.Services.GetRequiredService<TensorScorer>();
        var request = Typed("wrong-type", [1, 2, 3, 4]) with
        {
            Inputs = [NamedOnnxValue.CreateFromTensor("x", new DenseTensor<double>(new double[] { 1, 2, 3, 4 }, [2, 2])), .. Typed("", [1, 2, 3, 4]).Inputs.Skip(1)],
        };

        var result = await scorer.InferAsync(model, null, request, Cancel);

        Assert.Equal(400, result.Status);
        Assert.Equal("Input 'x' must be FP32, not FP64.", result.Error);
    }
}
