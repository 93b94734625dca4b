using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Scoring;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>
/// Realized performance joins predictions with outcomes from whichever side is smaller; both ways must find the same
/// labelled rows, and an outcome received before the window (less the clock skew) belongs to no prediction in it.
/// </summary>
public class LabelledJoinTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Driving_the_join_from_the_outcomes_or_from_the_predictions_finds_the_same_labelled_rows()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var ingest = new
        {
            model, version = 1,
            predictions = Enumerable.Range(0, 12).Select(i => new
            {
                requestId = i % 3 == 0 ? null : $"{model}-r{i}", timestamp = TestApp.Now.AddMinutes(-20 + i), features = new { a = i }, label = i % 2 == 0 ? "yes" : "no",
                confidence = 0.7, segment = i % 4 == 0 ? "eu" : null,
            }).ToArray(),
        };
        var ids = (await (await engineer.PostAsJsonAsync("/api/predictions", ingest, Cancel)).Content.ReadFromJsonAsync<IngestResponse>(Cancel))!.PredictionIds;
        // By id, by request id, a correction (second outcome for the same prediction), both ways for one prediction, an unknown id.
        (await engineer.PostAsJsonAsync("/api/predictions/outcomes", new
        {
            outcomes = new object[]
            {
                new { predictionId = ids[0], label = "yes" }, new { requestId = $"{model}-r1", label = "yes" }, new { predictionId = ids[2], label = "no" },
                new { requestId = $"{model}-r4", label = "no" }, new { predictionId = ids[4], label = "yes" }, new { predictionId = "f".PadLeft(32, 'f'), label = "no" },
            },
        }, Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions/outcomes", new { outcomes = new object[] { new { predictionId = ids[2], label = "yes" }, new { requestId = $"{model}-r7", label = "no" } } }, Cancel)).EnsureSuccessStatusCode();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        // An outcome for a window's prediction that was received long before the window began: no ground truth comes first.
        db.PredictionOutcomes.Add(new PredictionOutcome { PredictionId = ids[8], Label = "no", ReceivedAt = TestApp.Now.AddDays(-2), ReceivedBy = "tests" });
        await db.SaveChangesAsync(Cancel);
        var queries = scope.ServiceProvider.GetRequiredService<PerformanceQueries>();
        var (from, to) = (TestApp.Now.AddHours(-1), TestApp.Now.AddMinutes(1));

        var fromOutcomes = await queries.LabelledAsync(model, 1, from, to, Cancel);
        var fromPredictions = await queries.LabelledAsync(model, 1, from, to, Cancel, outcomeDrivenLimit: 0);

        static List<LabelledRow> Sorted(List<LabelledRow> rows) => [.. rows.OrderBy(r => r.PredictionId, StringComparer.Ordinal)];
        Assert.Equal(Sorted(fromPredictions), Sorted(fromOutcomes));
        Assert.Equal(new[] { ids[0], ids[1], ids[2], ids[4], ids[7] }.Order(StringComparer.Ordinal), Sorted(fromOutcomes).Select(r => r.PredictionId));   // not ids[8]: its outcome came first
        Assert.Equal("yes", fromOutcomes.Single(r => r.PredictionId == ids[2]).Truth);   // the latest outcome wins
        Assert.Equal("eu", fromOutcomes.Single(r => r.PredictionId == ids[4]).Segment);
    }
}
