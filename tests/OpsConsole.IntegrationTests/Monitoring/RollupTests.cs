using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Per-minute rollups are kept as predictions are logged, and always equal a recomputation from the log.</summary>
public class RollupTests(TestApp app)
{
    static readonly string[] Segments = ["eu", "us", ""];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollups_kept_while_logging_equal_a_recomputation_from_the_raw_log()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var start = TestApp.Now.AddMinutes(-30);
        // Ingested batches spread over 30 minutes and three segments, plus scored requests, in several writer batches.
        for (var batch = 0; batch < 4; batch++)
        {
            var body = new
            {
                model, version = 1,
                predictions = Enumerable.Range(0, 500).Select(i => new
                {
                    timestamp = start.AddSeconds((batch * 500 + i) * 0.9), features = new { a = i }, label = i % 3 == 0 ? "yes" : "no",
                    confidence = 0.5 + i % 50 / 100.0, latencyMs = 1 + i % 17, segment = Segments[i % 3] is { Length: > 0 } s ? s : null,
                }).ToArray(),
            };
            (await engineer.PostAsJsonAsync("/api/predictions", body, Cancel)).EnsureSuccessStatusCode();
        }
        for (var i = 0; i < 10; i++) await ScoreOkAsync(viewer, model, Records(3, segment: "eu"), Cancel);
        await WaitForCountAsync(app, db => db.Predictions.CountAsync(p => p.Model == model), 2030, Cancel);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var raw = await db.Predictions.AsNoTracking().Where(p => p.Model == model).ToListAsync(Cancel);
        var expected = RollupCell.Group(raw.Select(r => new RollupInput(r.Model, r.Version, r.Segment, r.At, r.ServedBy, r.Label, r.Confidence, r.LatencyMs, r.InferenceMs)));
        var stored = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model).ToListAsync(Cancel);

        Assert.Equal(expected.Count, stored.Count);
        foreach (var row in stored)
        {
            var want = expected[new RollupKey(row.Model, row.Version, row.Segment, row.MinuteStart)];
            var got = RollupMaintenance.Read(row);
            Assert.Equal(want.Count, got.Count);
            Assert.Equal(want.ConfidenceSum, got.ConfidenceSum, 1e-9);
            Assert.Equal(want.ConfidenceCount, got.ConfidenceCount);
            Assert.Equal(want.Labels.OrderBy(k => k.Key), got.Labels.OrderBy(k => k.Key));
            Assert.Equal(want.ServedBy.OrderBy(k => k.Key), got.ServedBy.OrderBy(k => k.Key));
            Assert.Equal(want.Latency.Buckets.OrderBy(b => b.Key), got.Latency.Buckets.OrderBy(b => b.Key));
            Assert.Equal(want.Latency.Sum, got.Latency.Sum, 1e-9);
            Assert.Equal(want.InferenceMs, got.InferenceMs, 1e-9);
        }
        Assert.True(stored.Sum(r => r.InferenceMs) > 0);   // the scored requests ran the model; ingested rows add none
        Assert.Equal(2030, stored.Sum(r => r.Count));

        // The metrics series is read from these rollups: every prediction once, percentiles from merged buckets, and the promotion marked.
        var from = Uri.EscapeDataString(start.AddMinutes(-5).ToString("O"));
        var metrics = await viewer.GetFromJsonAsync<MetricsView>($"/api/models/{model}/metrics?from={from}&step=5m", Registry.RegistryJson.Options, Cancel);
        Assert.Equal(2030, metrics!.Points.Sum(p => p.Predictions));
        Assert.All(metrics.Points, p => Assert.True(p.P50Ms <= p.P95Ms && p.P95Ms <= p.P99Ms));
        Assert.Contains(metrics.Deployments, d => d.Version == 1 && d.To == "production");
        var eu = await viewer.GetFromJsonAsync<MetricsView>($"/api/models/{model}/metrics?from={from}&step=1h&segment=eu", Registry.RegistryJson.Options, Cancel);
        Assert.Equal(raw.Count(r => r.Segment == "eu"), eu!.Points.Sum(p => p.Predictions));
    }
}
