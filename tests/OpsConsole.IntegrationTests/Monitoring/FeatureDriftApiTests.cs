using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>The drill-down of one drifted column: both distributions, and the segment where it broke ranked first.</summary>
public class FeatureDriftApiTests(TestApp app)
{
    static readonly string[] Segments = ["eu", "us"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Both segments alike in the reference; in the current window feature a moves by +3 in eu only.
    static object Batch(string model, DateTimeOffset around, bool shiftEu, int count, int seed) => new
    {
        model,
        version = 1,
        predictions = Enumerable.Range(0, count).Select(i =>
        {
            var random = new Random(seed + i);
            var segment = Segments[i % 2];
            var shift = shiftEu && segment == "eu" ? 3 : 0;
            return new
            {
                timestamp = around.AddSeconds(-i), segment,
                features = new { a = random.NextDouble() * 2 + shift, b = random.NextDouble() * 2, c = random.NextDouble() * 2 },
                label = i % 3 == 0 ? "yes" : "no", confidence = 0.6 + (i % 4) * 0.1,
            };
        }).ToArray(),
    };

    [Fact]
    public async Task A_feature_that_drifted_in_one_segment_shows_both_distributions_and_ranks_that_segment_first()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var referenceAt = TestApp.Now.AddDays(-9);
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, referenceAt, false, 600, 1), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-5), true, 600, 50_000), Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var window = $"window=1h&referenceFrom={Uri.EscapeDataString(referenceAt.AddHours(-1).ToString("O"))}&referenceTo={Uri.EscapeDataString(referenceAt.AddHours(1).ToString("O"))}";

        var a = await viewer.GetFromJsonAsync<FeatureDriftView>($"/api/models/{model}/drift/columns/a?{window}", Registry.RegistryJson.Options, Cancel);
        var b = await viewer.GetFromJsonAsync<FeatureDriftView>($"/api/models/{model}/drift/columns/b?{window}", Registry.RegistryJson.Options, Cancel);

        Assert.Equal(("feature", true, 600L, 600L), (a!.Kind, a.Drift.Drift, a.Reference.Rows, a.Current.Rows));
        Assert.Equal(1, a.Distribution.Sum(d => d.ReferenceShare), 1e-9);
        Assert.Equal(1, a.Distribution.Sum(d => d.CurrentShare), 1e-9);
        // Half the current rows moved above the reference's whole range: the reference has nothing in the top bins.
        Assert.True(a.Distribution.Where(d => d.ReferenceShare == 0).Sum(d => d.CurrentShare) > 0.4);
        Assert.Equal(Segments, a.Segments.Select(s => s.Segment));
        Assert.Equal((true, false), (a.Segments[0].Column.Drift, a.Segments[1].Column.Drift));
        Assert.Equal((300, 300), (a.Segments[0].ReferenceRows, a.Segments[0].CurrentRows));
        Assert.True(a.Segments[0].Severity > a.Segments[1].Severity);
        // The summaries are of the same rows: the reference's a is uniform on [0, 2), the current's half moved up by 3.
        Assert.Equal((600L, 600L), (a.ReferenceSummary.Count, a.CurrentSummary.Count));
        Assert.InRange(a.ReferenceSummary.Mean!.Value, 0.9, 1.1);
        Assert.InRange(a.CurrentSummary.Mean!.Value, 2.4, 2.6);
        Assert.True(a.CurrentSummary.Max > 3 && a.ReferenceSummary.Max < 2);
        Assert.Empty(a.NewCategories);
        Assert.False(b!.Drift.Drift);
        Assert.All(b.Segments, s => Assert.False(s.Column.Drift));
    }

    [Fact]
    public async Task The_prediction_can_be_drilled_into_and_an_unknown_column_is_refused_with_the_known_ones()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var referenceAt = TestApp.Now.AddDays(-9);
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, referenceAt, false, 90, 1), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-5), false, 90, 7), Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var window = $"window=1h&referenceFrom={Uri.EscapeDataString(referenceAt.AddHours(-1).ToString("O"))}&referenceTo={Uri.EscapeDataString(referenceAt.AddHours(1).ToString("O"))}";

        var prediction = await viewer.GetFromJsonAsync<FeatureDriftView>($"/api/models/{model}/drift/columns/prediction?{window}", Registry.RegistryJson.Options, Cancel);
        var unknown = await viewer.GetAsync($"/api/models/{model}/drift/columns/zzz?{window}", Cancel);

        Assert.Equal(("prediction", "categorical"), (prediction!.Kind, prediction.Drift.Type));
        Assert.Equal(["no", "yes"], prediction.Distribution.Select(d => d.Bin).Order());
        Assert.Equal(60.0 / 90, prediction.Distribution.Single(d => d.Bin == "no").ReferenceShare, 1e-9);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("a, b, c", await unknown.Content.ReadAsStringAsync(Cancel));
    }
}
