using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Platform;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>The scheduled drift job: a time series of snapshots per production version, read back by the history API.</summary>
public class DriftJobTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static object Batch(string model, DateTimeOffset around, double shiftA, int count) => new
    {
        model,
        version = 1,
        predictions = Enumerable.Range(0, count).Select(i => new
        {
            timestamp = around.AddSeconds(-i), features = new { a = i % 50 * 0.04 + shiftA, b = i % 40 * 0.05, c = i % 30 * 0.06 },
            label = i % 3 == 0 ? "yes" : "no", confidence = 0.7,
        }).ToArray(),
    };

    [Fact]
    public async Task The_job_stores_one_snapshot_per_production_version_and_a_second_run_within_the_interval_adds_none()
    {
        var model = await ServingModelAsync(app);
        var promotedAt = TestApp.Now.AddDays(-10);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Stands for a version promoted ten days ago: its first week in production is then the reference window.
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var id = await db.Models.Where(m => m.Name == model).Select(m => m.Id).SingleAsync(Cancel);
            await db.PromotionLog.Where(e => e.ModelId == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.At, promotedAt), Cancel);
        }
        using var engineer = await EngineerAsync(app);
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, promotedAt.AddDays(1), 0, 300), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-10), 5, 200), Cancel)).EnsureSuccessStatusCode();

        int first;
        await using (var scope = app.Services.CreateAsyncScope()) first = await scope.ServiceProvider.GetRequiredService<DriftJob>().RunAsync(Cancel);
        await using (var scope = app.Services.CreateAsyncScope()) await scope.ServiceProvider.GetRequiredService<DriftJob>().RunAsync(Cancel);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var history = await viewer.GetFromJsonAsync<List<DriftPointView>>($"/api/models/{model}/drift/history", Registry.RegistryJson.Options, Cancel);

        Assert.True(first >= 1);
        // The second run may store other tests' models (a trained version has its holdout as a reference at once), but
        // not this one again: one snapshot.
        var point = Assert.Single(history!);
        Assert.Equal((1, 300L, 200L), (point.Version, point.ReferenceRows, point.CurrentRows));
        Assert.True(point.Columns.Single(c => c.Column == "a").Drift);
        Assert.False(point.Columns.Single(c => c.Column == "b").Drift);
        // Prometheus gets the same run as gauges.
        var scrape = await MetricsScrape.UntilAsync(viewer, text => MetricsScrape.Lines(text, "opsconsole_drift_share", model).Any(), Cancel);
        Assert.Contains(scrape.Split('\n'), l => l.StartsWith("opsconsole_drift_severity", StringComparison.Ordinal) && l.Contains($"model=\"{model}\"", StringComparison.Ordinal) && l.Contains("column=\"a\"", StringComparison.Ordinal));
        Assert.Contains(scrape.Split('\n'), l => l.StartsWith("opsconsole_drift_share", StringComparison.Ordinal) && l.Contains($"model=\"{model}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Severity_is_one_at_the_threshold_and_capped_for_extreme_drift()
    {
        static DriftColumnView Column(double? statistic, double? p, double threshold) => new("x", "feature", "numeric", "m", statistic, p, threshold, false, 0, 0, null);

        Assert.Equal(1, DriftHeatmap.Severity(Column(0.1, null, 0.1))!.Value, 12);
        Assert.Equal(1, DriftHeatmap.Severity(Column(0.3, 0.05, 0.05))!.Value, 12);
        Assert.Equal(DriftHeatmap.Cap, DriftHeatmap.Severity(Column(0.9, 1e-30, 0.05)));
        Assert.Null(DriftHeatmap.Severity(Column(null, null, 0.1)));
    }
}
