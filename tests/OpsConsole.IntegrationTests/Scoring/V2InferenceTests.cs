using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Scoring;

/// <summary>The Open Inference Protocol routes, called as a V2 client would, on models the console did not create.</summary>
public class V2InferenceTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<string> ServingAsync(string fixture)
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, fixture: fixture);
        (await StageAsync(approver, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        return model;
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Health_routes_answer_anonymous_callers()
    {
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v2/health/live", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v2/health/ready", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Metadata_lists_the_serving_versions_tensors_with_v2_datatypes_and_dynamic_dimensions()
    {
        var model = await ServingAsync("two_inputs_two_outputs.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        using var metadata = JsonDocument.Parse(await client.GetStringAsync($"/v2/models/{model}", Cancel));
        var root = metadata.RootElement;

        Assert.Equal("onnxruntime_onnx", root.GetProperty("platform").GetString());
        Assert.Equal(["1"], root.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([("x", "FP32", "-1,2"), ("y", "FP32", "-1,2"), ("n", "INT64", "-1,1")],
            root.GetProperty("inputs").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.GetProperty("datatype").GetString(),
                string.Join(",", i.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())))));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v2/models/{model}/ready", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Infer_returns_the_models_outputs_echoes_the_id_and_says_who_served()
    {
        var model = await ServingAsync("two_inputs_two_outputs.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        // As the protocol's own examples write it: flat row-major data; "n" nested, which the protocol also allows.
        const string Request = """
            { "id": "req-42",
              "inputs": [
                { "name": "x", "shape": [2, 2], "datatype": "FP32", "data": [1, 2, 3, 4] },
                { "name": "y", "shape": [2, 2], "datatype": "FP32", "data": [10, 20, 30, 40] },
                { "name": "n", "shape": [2, 1], "datatype": "INT64", "data": [[1], [2]] } ] }
            """;

        var response = await client.PostAsync($"/v2/models/{model}/infer", Json(Request), Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var outputs = body.RootElement.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("production", response.Headers.GetValues(V2Endpoints.ServedByHeader).Single());
        Assert.Equal(("req-42", model, "1"), (body.RootElement.GetProperty("id").GetString(), body.RootElement.GetProperty("model_name").GetString(),
            body.RootElement.GetProperty("model_version").GetString()));
        Assert.Equal([11f, 22f, 33f, 44f], outputs["total"].GetProperty("data").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([2L, 4L], outputs["count"].GetProperty("data").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(("INT64", "2,1"), (outputs["count"].GetProperty("datatype").GetString(),
            string.Join(",", outputs["count"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()))));
    }

    [Fact]
    public async Task The_outputs_filter_returns_only_the_named_outputs()
    {
        var model = await ServingAsync("two_inputs_two_outputs.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsync($"/v2/models/{model}/infer", Json("""
            { "inputs": [ { "name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1, 1] },
                          { "name": "y", "shape": [1, 2], "datatype": "FP32", "data": [1, 1] },
                          { "name": "n", "shape": [1, 1], "datatype": "INT64", "data": [5] } ],
              "outputs": [ { "name": "count" } ] }
            """), Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(["count"], body.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("""{ "name": "x", "shape": [1, 2], "datatype": "FP64", "data": [1, 2] }""", "Input 'x' must be FP32, not FP64.")]
    [InlineData("""{ "name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3] }""", "Input 'x' dimension 1 must be 2, not 3.")]
    [InlineData("""{ "name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1] }""", "which holds 2 values, but its data has 1")]
    [InlineData("""{ "name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1, "two"] }""", "Input 'x' holds a value that is not FP32.")]
    public async Task A_request_that_does_not_fit_the_model_is_a_400_with_the_protocols_error_body(string x, string error)
    {
        var model = await ServingAsync("two_inputs_two_outputs.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var request = $$"""
            { "inputs": [ {{x}},
                          { "name": "y", "shape": [1, 2], "datatype": "FP32", "data": [1, 1] },
                          { "name": "n", "shape": [1, 1], "datatype": "INT64", "data": [5] } ] }
            """;

        var response = await client.PostAsync($"/v2/models/{model}/infer", Json(request), Cancel);
        var body = await response.Content.ReadFromJsonAsync<V2Error>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, body!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zipmap_classifier_returns_its_probabilities_as_one_object_per_row()
    {
        var model = await ServingAsync("zipmap_classifier.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsync($"/v2/models/{model}/infer",
            Json("""{ "inputs": [ { "name": "input", "shape": [2, 2], "datatype": "FP32", "data": [3, 0, 0, 3] } ] }"""), Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var outputs = body.RootElement.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var rows = outputs["probabilities"].GetProperty("data").EnumerateArray().ToList();

        // LinearClassifier with coefficients [[1,-1],[-1,1]] and softmax: row [3,0] scores (3,-3), row [0,3] scores (-3,3).
        Assert.Equal([0L, 1L], outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal("BYTES", outputs["probabilities"].GetProperty("datatype").GetString());
        var expected = 1 / (1 + Math.Exp(-6));
        Assert.Equal(expected, rows[0].GetProperty("0").GetDouble(), 1e-5);
        Assert.Equal(expected, rows[1].GetProperty("1").GetDouble(), 1e-5);
    }

    [Fact]
    public async Task Unknown_models_are_404_and_a_model_with_nothing_in_production_is_503()
    {
        using var author = await EngineerAsync(app);
        var idle = await CreateModelAsync(author);
        await UploadOkAsync(author, idle, fixture: "linear_classifier.onnx");
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var request = Json("""{ "inputs": [ { "name": "features", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3] } ] }""");

        var unknown = await client.PostAsync("/v2/models/no-such-model/infer", request, Cancel);
        var notServing = await client.PostAsync($"/v2/models/{idle}/infer", request, Cancel);
        var byVersion = await client.PostAsync($"/v2/models/{idle}/versions/1/infer", request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notServing.StatusCode);
        Assert.Contains("has no version in production", (await notServing.Content.ReadFromJsonAsync<V2Error>(Cancel))!.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byVersion.StatusCode);
        Assert.Equal("none", byVersion.Headers.GetValues(V2Endpoints.ServedByHeader).Single());
    }

    [Fact]
    public async Task A_production_version_that_throws_is_replaced_by_the_previous_one_and_the_header_says_fallback()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, fixture: "linear_classifier.onnx");
        await UploadOkAsync(author, model, fixture: "fails_at_run.onnx");
        (await StageAsync(approver, model, 1, "production", "first")).EnsureSuccessStatusCode();
        (await StageAsync(approver, model, 2, "production", "second")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsync($"/v2/models/{model}/infer",
            Json("""{ "inputs": [ { "name": "features", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3] } ] }"""), Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fallback", response.Headers.GetValues(V2Endpoints.ServedByHeader).Single());
        Assert.Equal("1", body.RootElement.GetProperty("model_version").GetString());
    }
}
