using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Training;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Scoring;

public class RecordScoringTests(TestApp app)
{
    static readonly string[] YesNo = ["yes", "no"];

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_are_scored_by_the_production_version_with_labels_probabilities_and_confidence()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, new
        {
            labels = YesNo,
            featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
        });
        (await StageAsync(approver, model, 1, "production", "serve")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/score/{model}", new { records = new[] { new { a = 1.0, b = 2.0, c = 3.0 } }, requestId = "r-1" }, Cancel);
        var scored = await response.Content.ReadFromJsonAsync<ScoreResponse>(Cancel);

        // softmax(x·W + b) with the fixture's weights: logits (1.85, -1.85), so P(yes) = 1 / (1 + e^-3.7).
        var expected = 1 / (1 + Math.Exp(-3.7));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((model, 1, "production"), (scored!.Model, scored.Version, scored.ServedBy));
        var prediction = Assert.Single(scored.Predictions);
        Assert.Equal("yes", prediction.Label);
        Assert.Equal(expected, prediction.Probabilities!["yes"], 1e-5);
        Assert.Equal(expected, prediction.Confidence!.Value, 1e-5);
        Assert.Equal(32, prediction.PredictionId.Length);
    }

    [Fact]
    public async Task A_model_trained_by_the_console_scores_records_and_refuses_ones_that_break_its_contract()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(SyntheticTransactions.Csv(500, seed: 8))), "file", "tx.csv" },
            { new StringContent("""{ "labelColumn": "label", "epochs": 100 }"""), "options" },
        };
        (await author.PostAsync($"/api/models/{model}/train", form, Cancel)).EnsureSuccessStatusCode();
        (await StageAsync(approver, model, 1, "production", "serve")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var good = await client.PostAsJsonAsync($"/api/score/{model}", new
        {
            records = new object[] { new { amount = 1500.0, hour = 3, channel = "web", country = "US" }, new { amount = 20.0, hour = 14, channel = "store", country = "DE" } },
        }, Cancel);
        var bad = await client.PostAsJsonAsync($"/api/score/{model}", new { records = new object[] { new { amount = "lots", hour = 3, channel = "kiosk" } } }, Cancel);
        var scored = await good.Content.ReadFromJsonAsync<ScoreResponse>(Cancel);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.All(scored!.Predictions, p => Assert.Equal(1.0, p.Probabilities!.Values.Sum(), 1e-5));
        Assert.Equal(["fraud", "legit"], scored.Predictions.Select(p => p.Label));   // a big night-time web payment from the US, and a small daytime one
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["records[0].amount", "records[0].channel", "records[0].country"], (await ErrorFieldsAsync(bad)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scoring_a_model_without_a_serving_version_or_contract_says_why()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var idle = await CreateModelAsync(author);
        await UploadOkAsync(author, idle);
        var noContract = await CreateModelAsync(author);
        await UploadOkAsync(author, noContract);
        (await StageAsync(approver, noContract, 1, "production", "serve")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var body = new { records = new[] { new { a = 1 } } };

        var notServing = await client.PostAsJsonAsync($"/api/score/{idle}", body, Cancel);
        var missingContract = await client.PostAsJsonAsync($"/api/score/{noContract}", body, Cancel);
        var unknown = await client.PostAsJsonAsync("/api/score/no-such-model", body, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notServing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, missingContract.StatusCode);
        Assert.Contains("has no data contract", await missingContract.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Every_scored_record_reaches_the_prediction_log_with_its_features_and_answer()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, new
        {
            labels = YesNo,
            featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
        });
        (await StageAsync(approver, model, 1, "production", "serve")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/score/{model}",
            new { records = new[] { new { a = 1.0, b = 2.0, c = 3.0 }, new { a = -1.0, b = -2.0, c = -3.0 } }, segment = "eu", requestId = "batch-7" }, Cancel);
        var ids = (await response.Content.ReadFromJsonAsync<ScoreResponse>(Cancel))!.Predictions.Select(p => p.PredictionId).ToList();

        List<Scoring.PredictionRecord> rows = [];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (rows.Count < 2)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The predictions were not written within 20 s.");
            await Task.Delay(50, Cancel);
            await using var scope = app.Services.CreateAsyncScope();
            rows = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(Cancel);
        }

        var first = rows.Single(r => r.Id == ids[0]);
        Assert.Equal((model, 1, "production", "eu", "batch-7"), (first.Model, first.Version, first.ServedBy, first.Segment, first.RequestId));
        Assert.Equal("yes", first.Label);
        Assert.Contains("\"a\":1", first.FeaturesJson, StringComparison.Ordinal);
        Assert.Equal("no", rows.Single(r => r.Id == ids[1]).Label);
    }
}
