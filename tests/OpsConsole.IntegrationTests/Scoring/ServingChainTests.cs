using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Scoring;

/// <summary>Canary share and fallback, seen from the records form.</summary>
public class ServingChainTests(TestApp app)
{
    static readonly string[] YesNo = ["yes", "no"];
    static readonly object Contract = new { labels = YesNo, featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } } };
    static readonly object OneRecord = new { records = new[] { new { a = 1.0, b = 2.0, c = 3.0 } } };

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<(string Model, HttpClient Approver)> TwoVersionsAsync(string secondFixture)
    {
        using var author = await EngineerAsync(app);
        var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, Contract);
        await UploadOkAsync(author, model, Contract, fixture: secondFixture);
        (await StageAsync(approver, model, 1, "production", "first")).EnsureSuccessStatusCode();
        return (model, approver);
    }

    [Fact]
    public async Task When_the_production_version_throws_the_previous_production_version_serves_as_fallback()
    {
        var (model, approver) = await TwoVersionsAsync("fails_at_run.onnx");
        using (approver) (await StageAsync(approver, model, 2, "production", "looks fine offline")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/score/{model}", OneRecord, Cancel);
        var scored = await response.Content.ReadFromJsonAsync<ScoreResponse>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, "fallback"), (scored!.Version, scored.ServedBy));
        Assert.Equal(1 / (1 + Math.Exp(-3.7)), scored.Predictions[0].Probabilities!["yes"], 1e-5);
    }

    [Fact]
    public async Task With_nothing_to_fall_back_to_a_failing_model_is_a_503_with_the_reason_not_a_500()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, Contract, fixture: "fails_at_run.onnx");
        (await StageAsync(approver, model, 1, "production", "only one")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/score/{model}", OneRecord, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("v1 failed", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_serves_its_share_of_request_ids_and_the_same_id_always_gets_the_same_version()
    {
        var (model, approver) = await TwoVersionsAsync("linear_classifier.onnx");
        using (approver) (await StageAsync(approver, model, 2, "canary", "half", trafficPercent: 50)).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        async Task<string> ServedByAsync(string requestId)
        {
            var response = await client.PostAsJsonAsync($"/api/score/{model}", new { records = new[] { new { a = 1.0, b = 2.0, c = 3.0 } }, requestId }, Cancel);
            return (await response.Content.ReadFromJsonAsync<ScoreResponse>(Cancel))!.ServedBy;
        }
        var first = new List<string>();
        for (var i = 0; i < 60; i++) first.Add(await ServedByAsync($"order-{i}"));
        var again = new List<string>();
        for (var i = 0; i < 60; i++) again.Add(await ServedByAsync($"order-{i}"));

        Assert.Equal(first, again);
        Assert.Equal(first.Count(s => s == "canary"), Enumerable.Range(0, 60).Count(i => CanarySplit.GoesToCanary(model, $"order-{i}", 50)));
        Assert.Contains("canary", first);
        Assert.Contains("production", first);
    }
}
