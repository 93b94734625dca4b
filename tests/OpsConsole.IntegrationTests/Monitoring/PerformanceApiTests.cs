using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Realized accuracy once outcomes arrive, joined by prediction id or request id, with the coverage beside it.</summary>
public class PerformanceApiTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outcomes_joined_by_id_or_request_id_give_accuracy_and_the_latest_correction_wins()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var ingest = new
        {
            model, version = 1,
            predictions = Enumerable.Range(0, 6).Select(i => new
            {
                requestId = $"{model}-r{i}", timestamp = TestApp.Now.AddMinutes(-i), features = new { a = i }, label = i % 2 == 0 ? "yes" : "no",
                confidence = 0.8, probabilities = new Dictionary<string, double> { ["yes"] = i % 2 == 0 ? 0.8 : 0.2, ["no"] = i % 2 == 0 ? 0.2 : 0.8 },
            }).ToArray(),
        };
        var ids = (await (await engineer.PostAsJsonAsync("/api/predictions", ingest, Cancel)).Content.ReadFromJsonAsync<Scoring.IngestResponse>(Cancel))!.PredictionIds;
        // r0 right (by id), r1 wrong (by request id), r2 first marked wrong then corrected to right, r3 right; r4 and r5 unlabelled.
        (await engineer.PostAsJsonAsync("/api/predictions/outcomes", new
        {
            outcomes = new object[]
            {
                new { predictionId = ids[0], label = "yes" },
                new { requestId = $"{model}-r1", label = "yes" },
                new { predictionId = ids[2], label = "no" },
                new { requestId = $"{model}-r3", label = "no" },
            },
        }, Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions/outcomes", new { outcomes = new object[] { new { predictionId = ids[2], label = "yes" } } }, Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var view = await viewer.GetFromJsonAsync<PerformanceView>($"/api/models/{model}/performance?window=1h", Registry.RegistryJson.Options, Cancel);

        var report = view!.Report;
        Assert.Equal((6L, 4), (report.Predictions, report.Labelled));
        Assert.Equal(4 / 6.0, report.Coverage, 12);
        Assert.Equal(0.75, report.Classification!.Accuracy, 12);
        Assert.Equal((-Math.Log(0.8) * 3 - Math.Log(0.2)) / 4, report.LogLoss!.Value, 9);
    }
}
