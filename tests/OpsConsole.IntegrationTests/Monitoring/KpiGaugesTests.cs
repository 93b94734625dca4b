using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Platform;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Today's KPIs per model and version as Prometheus gauges, read from the rollups by the gauges' own refresh.</summary>
public class KpiGaugesTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Todays_volume_and_confident_ratio_come_from_the_rollups_and_a_quiet_production_version_reports_zero()
    {
        var busy = await ServingModelAsync(app);
        var quiet = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var now = TestApp.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        object Batch(DateTimeOffset at, int count, int confident) => new
        {
            model = busy, version = 1,
            predictions = Enumerable.Range(0, count).Select(i => new { timestamp = at.AddSeconds(i), features = new { a = i }, label = "yes", confidence = i < confident ? 0.9 : 0.5 }).ToArray(),
        };
        // Today: 10 predictions, 7 at confidence 0.9 (≥ τ = 0.8) and 3 at 0.5; yesterday's 5 must not count.
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(today, 10, 7), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(today.AddMinutes(-30), 5, 5), Cancel)).EnsureSuccessStatusCode();
        var gauges = app.Services.GetRequiredService<KpiGauges>();

        await gauges.RefreshAsync(now, Cancel);

        Assert.Equal(new KpiGaugeValue(busy, 1, 10, 0.7), gauges.Values.Single(v => v.Model == busy));
        Assert.Equal(new KpiGaugeValue(quiet, 1, 0, null), gauges.Values.Single(v => v.Model == quiet));
    }

    [Fact]
    public async Task The_kpi_gauges_reach_metrics_with_model_and_version_labels_only()
    {
        var model = await ServingModelAsync(app);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        await app.Services.GetRequiredService<KpiGauges>().RefreshAsync(TestApp.Now, Cancel);

        var scrape = await MetricsScrape.UntilAsync(viewer, text => MetricsScrape.Lines(text, "opsconsole_kpi_volume", model).Any(), Cancel);

        var line = Assert.Single(MetricsScrape.Lines(scrape, "opsconsole_kpi_volume", model));
        Assert.Contains("version=\"1\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("segment", line, StringComparison.Ordinal);
        Assert.EndsWith("} 0", line, StringComparison.Ordinal);
    }
}
