using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Registry;

public class VersionUploadTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_uploaded_onnx_file_gets_its_hash_and_the_signature_read_from_the_model()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);
        var bytes = Fixture("linear_classifier.onnx");

        var response = await UploadAsync(engineer, model, bytes, new { description = "first", datasetVersion = "tx-2026-11", codeCommit = "abc1234", metrics = new { accuracy = 0.91 } });
        var version = await response.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((model, 1), (version!.Model, version.Version));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), version.Sha256);
        Assert.Equal([("features", "float32", "-1,3")], version.Inputs.Select(i => (i.Name, i.Type, string.Join(",", i.Shape))));
        Assert.Equal([("probabilities", "float32", "-1,2")], version.Outputs.Select(o => (o.Name, o.Type, string.Join(",", o.Shape))));
        Assert.Equal(("tx-2026-11", "abc1234", 0.91), (version.DatasetVersion, version.CodeCommit, version.Metrics["accuracy"]));
        Assert.Equal("none", version.Stage);
    }

    [Fact]
    public async Task Versions_count_up_per_model()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var first = await UploadOkAsync(engineer, model);
        var second = await UploadOkAsync(engineer, model, fixture: "two_inputs_two_outputs.onnx");

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(["x", "y", "n"], second.Inputs.Select(i => i.Name));
        Assert.Equal([("total", "float32"), ("count", "int64")], second.Outputs.Select(o => (o.Name, o.Type)));
    }

    [Fact]
    public async Task A_zipmap_classifier_shows_its_sequence_of_maps_output()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var version = await UploadOkAsync(engineer, model, fixture: "zipmap_classifier.onnx");

        Assert.Equal([("label", "int64"), ("probabilities", "seq(map(int64,float32))")], version.Outputs.Select(o => (o.Name, o.Type)));
        Assert.Equal([-1L], version.Outputs[0].Shape);
    }

    [Theory]
    [InlineData("not_onnx.onnx")]
    [InlineData("truncated.onnx")]
    public async Task A_file_onnx_runtime_cannot_load_is_refused_with_the_runtimes_reason(string fixture)
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var response = await UploadAsync(engineer, model, Fixture(fixture));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("ONNX Runtime cannot load this artifact:", await ErrorTextAsync(response, "file"), StringComparison.Ordinal);
        Assert.Empty((await engineer.GetFromJsonAsync<List<VersionView>>($"/api/models/{model}/versions", RegistryJson.Options, Cancel))!);
    }

    [Fact]
    public async Task A_model_that_points_at_files_beside_it_is_refused_so_an_upload_cannot_read_server_files()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);
        // The file the probe's initializer names, where ONNX Runtime would look for it: the working directory.
        var bait = Path.Combine(Directory.GetCurrentDirectory(), "external_probe.bin");
        await File.WriteAllBytesAsync(bait, new byte[12], Cancel);
        try
        {
            var response = await UploadAsync(engineer, model, Fixture("external_data_probe.onnx"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("ONNX Runtime cannot load this artifact:", await ErrorTextAsync(response, "file"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bait);
        }
    }

    [Fact]
    public async Task An_artifact_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var response = await UploadAsync(engineer, model, new byte[1024 * 1024 + 1]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit is 1 MB", await ErrorTextAsync(response, "file"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_metadata_is_reported_field_by_field()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var notJson = await UploadAsync(engineer, model, Fixture("linear_classifier.onnx"), "{ this is not json");
        var badContract = await UploadAsync(engineer, model, Fixture("linear_classifier.onnx"),
            new { featureSchema = new object[] { new { name = "amount", type = "money" }, new { name = "age", type = "integer", min = 5, max = 1 } } });

        Assert.Equal(["metadata"], await ErrorFieldsAsync(notJson));
        Assert.Equal(["metadata.featureSchema[0].type", "metadata.featureSchema[1].max"], (await ErrorFieldsAsync(badContract)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Uploading_to_an_unknown_model_is_404_and_without_a_file_is_400()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var unknown = await UploadAsync(engineer, "no-such-model-here", Fixture("linear_classifier.onnx"));
        var noFile = await engineer.PostAsync($"/api/models/{model}/versions", new MultipartFormDataContent { { new StringContent("{}"), "metadata" } }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["file"], await ErrorFieldsAsync(noFile));
    }

    [Fact]
    public async Task Registering_a_model_twice_or_with_a_bad_name_is_refused()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var twice = await engineer.PostAsJsonAsync("/api/models", new { name = model, task = "classification" }, Cancel);
        var badName = await engineer.PostAsJsonAsync("/api/models", new { name = "Fraud Model", task = "ranking" }, Cancel);

        Assert.Equal(["name"], await ErrorFieldsAsync(twice));
        Assert.Equal(["name", "task"], (await ErrorFieldsAsync(badName)).Order());
    }

    [Fact]
    public async Task A_viewer_reads_the_registry_but_cannot_register()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var listed = await viewer.GetFromJsonAsync<List<ModelView>>("/api/models", RegistryJson.Options, Cancel);
        var create = await viewer.PostAsJsonAsync("/api/models", new { name = UniqueName(), task = "classification" }, Cancel);
        var upload = await UploadAsync(viewer, model, Fixture("linear_classifier.onnx"));

        Assert.Contains(listed!, m => m.Name == model);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }
}
