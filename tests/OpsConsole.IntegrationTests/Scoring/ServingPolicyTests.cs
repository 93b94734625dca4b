using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Platform;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>A model's serving policy: the default label when nothing can serve, imputing instead of rejecting, and timeouts.</summary>
public class ServingPolicyTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;
    static readonly string[] RepairedFeatures = ["b", "c", "extra"];
    static readonly string[] BadPolicyFields = ["fallbackLabel", "timeoutMs"];

    async Task<string> FailingOnlyAsync()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadAsync(author, model, UniqueFixture("fails_at_run.onnx"), Contract());
        (await StageAsync(approver, model, 1, "production", "only one")).EnsureSuccessStatusCode();
        return model;
    }

    [Fact]
    public async Task Without_a_default_label_a_failing_model_answers_503_with_the_reason_and_with_one_it_answers_the_label()
    {
        var model = await FailingOnlyAsync();
        using var engineer = await EngineerAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var refused = await client.PostAsJsonAsync($"/api/score/{model}", Records(1), Cancel);
        var set = await engineer.PutAsJsonAsync($"/api/models/{model}/serving-policy", new { fallbackLabel = "no" }, Cancel);
        var answered = await ScoreOkAsync(client, model, Records(2), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("default label", await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(("fallback", (int?)null), (answered.ServedBy, answered.Version));
        Assert.All(answered.Predictions, p => Assert.Equal("no", p.Label));
        Assert.Contains("default label", answered.FallbackReason);
        Assert.Equal(2, await WaitForCountAsync(app, db => PredictionsOf(db, model, "default"), 2, Cancel));
    }

    [Fact]
    public async Task The_impute_policy_scores_a_broken_record_names_the_repaired_features_and_flags_the_prediction()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var broken = new { records = new object[] { new { a = 1.0, c = "three", extra = 1 } } };

        var rejected = await client.PostAsJsonAsync($"/api/score/{model}", broken, Cancel);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/serving-policy", new { invalidRecords = "impute" }, Cancel)).EnsureSuccessStatusCode();
        var imputed = await ScoreOkAsync(client, model, broken, Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var flag = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().PredictionFlags.SingleAsync(f => f.PredictionId == imputed.Predictions[0].PredictionId, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(RepairedFeatures, imputed.Predictions[0].Imputed!.Order(StringComparer.Ordinal));
        Assert.Contains("b, c", flag.Reason.Replace("extra, ", "", StringComparison.Ordinal));
        Assert.Equal("scoring", flag.FlaggedBy);
    }

    [Fact]
    public async Task A_policy_with_bad_fields_is_refused_field_by_field_and_a_good_one_is_read_back()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var bad = await engineer.PutAsJsonAsync($"/api/models/{model}/serving-policy", new { timeoutMs = 0, fallbackLabel = new string('x', 201) }, Cancel);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/serving-policy", new { timeoutMs = 250, fallbackLabel = "no", invalidRecords = "reject" }, Cancel)).EnsureSuccessStatusCode();
        var read = await viewer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/models/{model}/serving-policy", Cancel);
        var forbidden = await viewer.PutAsJsonAsync($"/api/models/{model}/serving-policy", new { timeoutMs = 5 }, Cancel);

        Assert.Equal(BadPolicyFields, (await ErrorFieldsAsync(bad)).Order(StringComparer.Ordinal));
        Assert.Equal((250, "no", "reject"), (read.GetProperty("timeoutMs").GetInt32(), read.GetProperty("fallbackLabel").GetString(), read.GetProperty("invalidRecords").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Contract_violations_are_counted_per_feature_and_kind_in_the_metrics()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync($"/api/score/{model}", new { records = new[] { new { a = 1.0, c = 1.0 } } }, Cancel);
        var scrape = await MetricsScrape.UntilAsync(client, text => MetricsScrape.Lines(text, "opsconsole_scoring_contract_violations_total", model).Any(l => l.EndsWith(" 3", StringComparison.Ordinal)), Cancel);

        var line = scrape.Split('\n').Single(l => l.StartsWith("opsconsole_scoring_contract_violations_total", StringComparison.Ordinal) && l.Contains($"model=\"{model}\"", StringComparison.Ordinal));
        Assert.Contains("feature=\"b\"", line);
        Assert.Contains("kind=\"missing\"", line);
        Assert.Equal("3", line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0]);
    }

    [Fact]
    public async Task A_production_artifact_tampered_after_promotion_is_refused_on_load_and_the_previous_version_serves()
    {
        var model = await ServingModelAsync(app);
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var bytes = UniqueFixture("linear_classifier.onnx");
        var second = (await (await UploadAsync(author, model, bytes, Contract())).Content.ReadFromJsonAsync<Registry.VersionView>(Registry.RegistryJson.Options, Cancel))!;
        (await StageAsync(approver, model, 2, "production", "newer")).EnsureSuccessStatusCode();
        var path = app.Services.GetRequiredService<Registry.FileArtifactStore>().PathFor(second.Sha256);
        var tampered = (byte[])bytes.Clone();
        tampered[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, tampered, Cancel);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var served = await ScoreOkAsync(client, model, Records(1), Cancel);
        var version = await client.GetFromJsonAsync<Registry.VersionView>($"/api/models/{model}/versions/2", Registry.RegistryJson.Options, Cancel);

        Assert.Equal((1, "fallback"), (served.Version, served.ServedBy));
        Assert.Contains("v2", served.FallbackReason);
        Assert.True(version!.IsBroken);
    }
}
