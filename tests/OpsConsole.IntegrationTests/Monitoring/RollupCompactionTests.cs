using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Old minute rollups fold into hour cells that still equal a recomputation from the log, and late rows join them.</summary>
public class RollupCompactionTests(TestApp app)
{
    static readonly string[] Segments = ["eu", "us"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static object Batch(string model, DateTimeOffset start, int count, int seed) => new
    {
        model, version = 1,
        predictions = Enumerable.Range(0, count).Select(i => new
        {
            timestamp = start.AddSeconds(i * 37 + seed), segment = Segments[i % 2], features = new { a = i }, label = i % 3 == 0 ? "yes" : "no",
            confidence = 0.5 + i % 50 / 100.0, latencyMs = 1 + i % 13,
        }).ToArray(),
    };

    async Task<(List<PredictionRollup> Cells, List<Scoring.PredictionRecord> Raw)> ReadAsync(string model)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        return (await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model).ToListAsync(Cancel),
            await db.Predictions.AsNoTracking().Where(p => p.Model == model).ToListAsync(Cancel));
    }

    async Task<int> CompactAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RollupCompactionJob>().RunAsync(Cancel);
    }

    [Fact]
    public async Task Minutes_older_than_the_retention_become_hour_cells_equal_to_the_log_and_recent_minutes_stay()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var old = RollupKey.HourOf(TestApp.Now.AddDays(-3));
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, old.AddMinutes(10), 400, 0), Cancel)).EnsureSuccessStatusCode();   // ~2.5 hours of minutes
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-20), 20, 0), Cancel)).EnsureSuccessStatusCode();
        var (before, _) = await ReadAsync(model);

        await CompactAsync();
        var (after, raw) = await ReadAsync(model);

        var oldCells = after.Where(c => c.MinuteStart < TestApp.Now.AddDays(-1)).ToList();
        Assert.All(oldCells, c => Assert.Equal((60, 0), (c.Minutes, c.MinuteStart.Minute)));
        Assert.Equal(before.Count(c => c.MinuteStart >= TestApp.Now.AddDays(-1)), after.Count(c => c.MinuteStart >= TestApp.Now.AddDays(-1)));
        Assert.All(after.Where(c => c.MinuteStart >= TestApp.Now.AddDays(-1)), c => Assert.Equal(1, c.Minutes));
        // Every hour cell equals the hour's rows recomputed from the raw log.
        var expected = RollupCell.Group(raw.Where(r => r.At < TestApp.Now.AddDays(-1)).Select(r => new RollupInput(r.Model, r.Version, r.Segment, RollupKey.HourOf(r.At), r.ServedBy, r.Label, r.Confidence, r.LatencyMs, r.InferenceMs)));
        Assert.Equal(expected.Count, oldCells.Count);
        foreach (var cell in oldCells)
        {
            var want = expected[new RollupKey(cell.Model, cell.Version, cell.Segment, cell.MinuteStart)];
            var got = RollupMaintenance.Read(cell);
            Assert.Equal((want.Count, want.ConfidenceCount), (got.Count, got.ConfidenceCount));
            Assert.Equal(want.ConfidenceSum, got.ConfidenceSum, 9);
            Assert.Equal(want.Labels.OrderBy(k => k.Key), got.Labels.OrderBy(k => k.Key));
            Assert.Equal(want.Latency.Buckets.OrderBy(b => b.Key), got.Latency.Buckets.OrderBy(b => b.Key));
            Assert.Equal(want.ConfidenceBins, got.ConfidenceBins);
        }
        Assert.Equal(420, after.Sum(c => c.Count));
        Assert.Equal(0, await CompactAsync());   // nothing left to fold
    }

    [Fact]
    public async Task A_late_prediction_for_a_compacted_hour_is_counted_and_folded_in_by_the_next_run_and_the_series_keeps_every_prediction()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var old = RollupKey.HourOf(TestApp.Now.AddDays(-4));
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, old.AddMinutes(1), 60, 0), Cancel)).EnsureSuccessStatusCode();
        await CompactAsync();

        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, old.AddMinutes(30), 10, 5), Cancel)).EnsureSuccessStatusCode();
        var (late, _) = await ReadAsync(model);
        await CompactAsync();
        var (after, _) = await ReadAsync(model);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var from = Uri.EscapeDataString(old.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(old.AddHours(3).ToString("O"));
        var series = await viewer.GetFromJsonAsync<MetricsView>($"/api/models/{model}/metrics?from={from}&to={to}&step=1h", Registry.RegistryJson.Options, Cancel);

        Assert.Contains(late, c => c.Minutes == 1);
        Assert.All(after, c => Assert.Equal(60, c.Minutes));
        Assert.Equal(70, after.Sum(c => c.Count));
        Assert.Equal(70, series!.Points.Sum(p => p.Predictions));
    }
}
