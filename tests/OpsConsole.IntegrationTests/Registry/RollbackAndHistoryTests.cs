using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Registry;

public class RollbackAndHistoryTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollback_returns_production_to_the_previous_version_and_a_second_one_goes_further_back()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        for (var i = 0; i < 3; i++) await UploadOkAsync(author, model);
        for (var v = 1; v <= 3; v++) await StageAsync(approver, model, v, "production", $"release {v}");

        var first = await approver.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = "v3 doubles false positives" }, Cancel);
        var second = await approver.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = "v2 also affected" }, Cancel);
        var third = await approver.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = "again" }, Cancel);
        var history = await author.GetFromJsonAsync<List<TransitionView>>($"/api/models/{model}/history", RegistryJson.Options, Cancel);

        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!.Version);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!.Version);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.True(history![0].IsRollback);
        Assert.Equal("Rollback: v2 also affected", history[0].Reason);
    }

    [Fact]
    public async Task A_rollback_without_a_reason_is_refused()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var response = await engineer.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = " " }, Cancel);

        Assert.Equal(["reason"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task The_production_version_at_any_past_time_is_one_call()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model);
        await UploadOkAsync(author, model);
        var beforeAll = TestApp.Now;
        await StageAsync(approver, model, 1, "production", "first");
        var betweenTheTwo = TestApp.Now;
        await StageAsync(approver, model, 2, "production", "second");

        async Task<int?> At(DateTimeOffset at) =>
            (await author.GetFromJsonAsync<ProductionAtView>($"/api/models/{model}/production?at={Uri.EscapeDataString(at.ToString("O"))}", RegistryJson.Options, Cancel))!.Version;

        Assert.Null(await At(beforeAll));
        Assert.Equal(1, await At(betweenTheTwo));
        Assert.Equal(2, await At(TestApp.Now));
    }

    [Fact]
    public async Task A_tampered_artifact_is_refused_on_load_and_the_version_is_marked_broken_and_audited()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var upload = await UploadAsync(author, model, UniqueFixture("two_inputs_two_outputs.onnx"));
        var version = (await upload.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!;
        var store = app.Services.GetRequiredService<FileArtifactStore>();
        var path = store.PathFor(version.Sha256);
        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes, Cancel);

        var response = await StageAsync(approver, model, version.Version, "production", "ship");
        var after = await author.GetFromJsonAsync<VersionView>($"/api/models/{model}/versions/1", RegistryJson.Options, Cancel);
        using var admin = app.Admin();
        var audit = await admin.GetFromJsonAsync<Identity.AuditPage>($"/api/audit?entityType=ModelVersion&take=200", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("it was changed after upload", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.True(after!.IsBroken);
        Assert.Contains(audit!.Items, e => e.Action == Identity.AuditActions.Updated && e.Changes.Contains("\"IsBroken\"", StringComparison.Ordinal)
            && e.Changes.Contains(version.Sha256[..12], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_artifact_is_refused_without_marking_the_version_broken_and_uploading_it_again_repairs_it()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var bytes = UniqueFixture("linear_classifier.onnx");
        var version = (await (await UploadAsync(author, model, bytes)).Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!;
        var path = app.Services.GetRequiredService<FileArtifactStore>().PathFor(version.Sha256);
        File.Delete(path);

        var refused = await StageAsync(approver, model, 1, "production", "ship");
        var afterRefusal = await author.GetFromJsonAsync<VersionView>($"/api/models/{model}/versions/1", RegistryJson.Options, Cancel);
        await UploadAsync(author, model, bytes);   // the same bytes again put the file back under its hash
        var accepted = await StageAsync(approver, model, 1, "production", "ship");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("missing from the store", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(afterRefusal!.IsBroken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Rollback_walks_past_an_earlier_version_whose_artifact_was_tampered_with()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var shas = new List<string>();
        for (var i = 0; i < 3; i++)
            shas.Add((await (await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"))).Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!.Sha256);
        for (var v = 1; v <= 3; v++) (await StageAsync(approver, model, v, "production", $"release {v}")).EnsureSuccessStatusCode();
        var path = app.Services.GetRequiredService<FileArtifactStore>().PathFor(shas[1]);
        var damaged = await File.ReadAllBytesAsync(path, Cancel);
        damaged[^1] ^= 0x55;
        await File.WriteAllBytesAsync(path, damaged, Cancel);

        var response = await approver.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = "v3 misbehaves" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel))!.Version);
        Assert.True((await author.GetFromJsonAsync<VersionView>($"/api/models/{model}/versions/2", RegistryJson.Options, Cancel))!.IsBroken);
    }
}
