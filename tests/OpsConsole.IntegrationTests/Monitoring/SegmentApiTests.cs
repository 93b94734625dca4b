using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>The segment breakdown from the rollups: the cohort that broke comes first, the quiet ones after.</summary>
public class SegmentApiTests(TestApp app)
{
    static readonly string[] FromField = ["from"];
    static readonly string[] Regions = ["eu", "us", "apac"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_segment_whose_predictions_flipped_ranks_first_and_every_prediction_is_counted_once()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var at = TestApp.Now.AddMinutes(-10);
        // eu and us predict "no" 80% of the time; apac, newly broken, predicts "yes" 90% of the time with low confidence. 30 rows carry no segment.
        var predictions = Enumerable.Range(0, 330).Select(i =>
        {
            var segment = i < 30 ? null : Regions[i % 3];
            var yes = segment == "apac" ? i % 10 != 0 : i % 5 == 0;
            return new { timestamp = at.AddSeconds(i), segment, features = new { a = 1 }, label = yes ? "yes" : "no", confidence = segment == "apac" ? 0.55 : 0.92 };
        }).ToArray();
        (await engineer.PostAsJsonAsync("/api/predictions", new { model, version = 1, predictions }, Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var view = await viewer.GetFromJsonAsync<SegmentsView>($"/api/models/{model}/segments", Registry.RegistryJson.Options, Cancel);
        var backwards = await viewer.GetAsync($"/api/models/{model}/segments?from={Uri.EscapeDataString(TestApp.Now.ToString("O"))}&to={Uri.EscapeDataString(TestApp.Now.AddHours(-1).ToString("O"))}", Cancel);

        Assert.Equal(330, view!.Predictions);
        Assert.Equal(["apac", "eu", "us"], view.Segments.Select(s => s.Segment).Take(1).Concat(view.Segments.Skip(1).Select(s => s.Segment).Order()));
        Assert.Equal(300, view.Segments.Sum(s => s.Predictions));
        var apac = view.Segments[0];
        Assert.Equal(0.9, apac.LabelShares["yes"], 12);
        Assert.Equal(0, apac.ConfidentRate);
        // Jensen–Shannon distances of the confidence bins against the whole's, computed independently in Python for these rows.
        Assert.Equal(SegmentComparison.Confidence, apac.FarthestOn);
        Assert.Equal(0.582922488226188, apac.Distance, 12);
        Assert.All(view.Segments.Skip(1), s => Assert.Equal(0.344417288539, s.Distance, 9));
        Assert.Equal(100.0 / 330, apac.Share, 12);
        Assert.Equal(FromField, await ErrorFieldsAsync(backwards));
    }
}
