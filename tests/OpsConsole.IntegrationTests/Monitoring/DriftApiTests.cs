using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Drift from the prediction log, through the same engine as the CLI, in DESIGN's shape.</summary>
public class DriftApiTests(TestApp app)
{
    static readonly string[] WindowField = ["window"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Reference rows nine days ago; current rows in the last hour, with feature a moved by +3 and b, c unchanged.
    static object Batch(string model, DateTimeOffset around, double shiftA, int count, int seed) => new
    {
        model,
        version = 1,
        predictions = Enumerable.Range(0, count).Select(i =>
        {
            var random = new Random(seed + i);
            return new
            {
                timestamp = around.AddSeconds(-i), features = new { a = random.NextDouble() * 2 + shiftA, b = random.NextDouble() * 2, c = random.NextDouble() * 2 },
                label = i % 3 == 0 ? "yes" : "no", confidence = 0.6 + (i % 4) * 0.1,
            };
        }).ToArray(),
    };

    [Fact]
    public async Task A_feature_whose_mean_moved_drifts_and_the_others_do_not()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var referenceAt = TestApp.Now.AddDays(-9);
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, referenceAt, 0, 400, 1), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-5), 3, 300, 10_000), Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var from = Uri.EscapeDataString(referenceAt.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(referenceAt.AddHours(1).ToString("O"));

        var drift = await viewer.GetFromJsonAsync<DriftView>($"/api/models/{model}/drift?window=1h&referenceFrom={from}&referenceTo={to}", Registry.RegistryJson.Options, Cancel);

        Assert.Equal((1, 400L, 300L), (drift!.Version, drift.Reference.Rows, drift.Current.Rows));
        var byName = drift.Columns.ToDictionary(c => c.Column);
        Assert.Equal(("feature", "numeric", "ks", true), (byName["a"].Kind, byName["a"].Type, byName["a"].Method, byName["a"].Drift));
        Assert.False(byName["b"].Drift);
        Assert.False(byName["c"].Drift);
        Assert.True(byName["a"].PValue < 1e-10);
        Assert.Equal(("prediction", "categorical"), (byName["prediction"].Kind, byName["prediction"].Type));
        Assert.Equal("confidence", byName["confidence"].Kind);
        Assert.Equal(1.0 / 3, drift.DriftShare, 1e-12);   // features only: a of a, b, c
        Assert.False(drift.DatasetDrift);
    }

    [Fact]
    public async Task Without_a_reference_window_the_answer_says_how_to_give_one_and_bad_windows_are_named()
    {
        var model = await ServingModelAsync(app);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var fresh = await viewer.GetAsync($"/api/models/{model}/drift", Cancel);
        var badWindow = await viewer.GetAsync($"/api/models/{model}/drift?window=forever", Cancel);
        var unknown = await viewer.GetAsync("/api/models/no-such-model/drift", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, fresh.StatusCode);
        Assert.Contains("referenceFrom", await fresh.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(WindowField, await ErrorFieldsAsync(badWindow));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
