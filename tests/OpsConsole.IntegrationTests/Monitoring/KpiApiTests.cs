using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Daily KPIs from the rollups, in the caller's time zone, with the trailing baseline.</summary>
public class KpiApiTests(TestApp app)
{
    static readonly string[] BadFields = ["days", "threshold", "tz"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Volume_and_confident_rate_per_day_come_from_the_rollups_with_a_baseline()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        // Three days ago: 10 predictions, 9 confident; today: 10, 5 confident (confidence 0.9 or 0.5), noon UTC so both zones agree.
        var today = new DateTimeOffset(TestApp.Now.UtcDateTime.Date, TimeSpan.Zero).AddHours(TestApp.Now.Hour >= 1 ? 0 : -24);
        object Batch(DateTimeOffset at, int confident) => new
        {
            model, version = 1,
            predictions = Enumerable.Range(0, 10).Select(i => new { timestamp = at.AddSeconds(i), features = new { a = i }, label = "yes", confidence = i < confident ? 0.9 : 0.5 }).ToArray(),
        };
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(today.AddDays(-3).AddHours(12), 9), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(today.AddMinutes(10), 5), Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var kpis = await viewer.GetFromJsonAsync<KpiView>($"/api/models/{model}/kpis?days=7&threshold=0.8", Registry.RegistryJson.Options, Cancel);
        var bad = await viewer.GetAsync($"/api/models/{model}/kpis?days=0&threshold=2&tz=Mars/Olympus", Cancel);

        var last = kpis!.Days[^1];
        Assert.Equal((10L, 0.5), (last.Volume, last.ConfidentRate!.Value));
        Assert.Equal(0.9, last.BaselineRate!.Value, 12);
        Assert.Equal(-40, last.ChangePoints!.Value, 9);
        Assert.Equal(BadFields, (await ErrorFieldsAsync(bad)).Order(StringComparer.Ordinal));
    }
}
