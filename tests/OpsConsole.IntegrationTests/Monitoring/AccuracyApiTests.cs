using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Realized accuracy per day beside the label-free estimate, calibrated on the labelled days before the range.</summary>
public class AccuracyApiTests(TestApp app)
{
    static readonly string[] BadFields = ["days", "tz"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Predictions that all say 0.92, of which the first three in five turn out right.
    async Task IngestAsync(HttpClient client, string model, DateTimeOffset at, int count, string prefix, bool label)
    {
        var predictions = Enumerable.Range(0, count).Select(i => new { requestId = $"{prefix}-{i}", timestamp = at.AddSeconds(-i), features = new { a = i }, label = "yes", confidence = 0.92 }).ToArray();
        (await client.PostAsJsonAsync("/api/predictions", new { model, version = 1, predictions }, Cancel)).EnsureSuccessStatusCode();
        if (!label) return;
        var outcomes = Enumerable.Range(0, count).Select(i => new { requestId = $"{prefix}-{i}", label = i % 5 < 3 ? "yes" : "no" }).ToArray();
        (await client.PostAsJsonAsync("/api/predictions/outcomes", new { outcomes }, Cancel)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_overconfident_model_is_estimated_at_its_calibrated_accuracy_and_the_realized_figure_agrees()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        await IngestAsync(engineer, model, TestApp.Now.AddDays(-20), 400, $"{model}-ref", label: true);     // before the 14-day range: calibration
        await IngestAsync(engineer, model, TestApp.Now.AddMinutes(-30), 200, $"{model}-today", label: false);
        await IngestAsync(engineer, model, TestApp.Now.AddMinutes(-20), 100, $"{model}-labelled", label: true);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var view = await viewer.GetFromJsonAsync<AccuracyView>($"/api/models/{model}/accuracy?days=14", Registry.RegistryJson.Options, Cancel);

        Assert.True(view!.Calibration.Used);
        Assert.Equal(400, view.Calibration.Rows);
        Assert.Equal(0.32, view.Calibration.EceUncalibrated!.Value, 9);
        // The last half hour may span midnight: each day is checked on its own and the counts together.
        Assert.Equal((300L, 100), (view.Days.Sum(d => d.Predictions), view.Days.Sum(d => d.Labelled)));
        Assert.All(view.Days, d => Assert.Equal(0.6, d.Estimated!.Accuracy, 12));
        Assert.All(view.Days, d => Assert.Equal(Math.Sqrt(d.Predictions * 0.6 * 0.4) / d.Predictions, d.Estimated!.StandardError, 12));
        Assert.Equal(0.6, view.Days.Where(d => d.Labelled > 0).Sum(d => d.Realized!.Value * d.Labelled) / 100, 12);
    }

    [Fact]
    public async Task Without_labelled_history_the_estimate_is_the_mean_confidence_and_bad_arguments_are_named()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        await IngestAsync(engineer, model, TestApp.Now.AddMinutes(-5), 50, $"{model}-only", label: false);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var view = await viewer.GetFromJsonAsync<AccuracyView>($"/api/models/{model}/accuracy?days=3&tz=Europe/Berlin", Registry.RegistryJson.Options, Cancel);
        var bad = await viewer.GetAsync($"/api/models/{model}/accuracy?days=0&tz=Mars/Base", Cancel);
        var unknown = await viewer.GetAsync("/api/models/no-such-model/accuracy", Cancel);

        Assert.False(view!.Calibration.Used);
        Assert.Equal("Europe/Berlin", view.TimeZone);
        Assert.All(view.Days, d => Assert.Null(d.Realized));
        Assert.All(view.Days, d => Assert.Equal(0.92, d.Estimated!.Accuracy, 12));
        Assert.Equal(50, view.Days.Sum(d => d.Predictions));
        Assert.Equal(BadFields, await ErrorFieldsAsync(bad));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
