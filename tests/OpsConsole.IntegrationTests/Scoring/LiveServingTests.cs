using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>Serving while the registry changes, the live traffic figures, the V2 form's log rows and the demo simulator.</summary>
public class LiveServingTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;
    static readonly double[] RowMeans = [1.0, 2.0];
    static readonly string[] SimulatedSegments = ["eu", "us"];
    static readonly string[] RateField = ["requestsPerSecond"];
    static readonly string[] SimulatedSegmentsSeen = ["eu", "us"];

    [Fact]
    public async Task Promoting_and_rolling_back_under_concurrent_load_fails_no_request()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var approver = await EngineerAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var versions = new System.Collections.Concurrent.ConcurrentBag<int?>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 6).Select(async worker =>
        {
            var sent = 0;
            while (!stop.IsCancellationRequested || sent < 20)
            {
                var response = await client.PostAsJsonAsync($"/api/score/{model}", Records(3, requestId: $"w{worker}-{sent++}"), Cancel);
                if (response.StatusCode != HttpStatusCode.OK) failures.Add(response.StatusCode);
                else versions.Add((await response.Content.ReadFromJsonAsync<ScoreResponse>(Cancel))!.Version);
            }
        }).ToList();
        await Task.Delay(200, Cancel);
        (await StageAsync(approver, model, 2, "production", "swap under load")).EnsureSuccessStatusCode();
        await Task.Delay(200, Cancel);
        (await approver.PostAsJsonAsync($"/api/models/{model}/rollback", new { reason = "and back" }, Cancel)).EnsureSuccessStatusCode();
        await Task.Delay(200, Cancel);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(versions.Count >= 120, $"Only {versions.Count} requests were sent.");
        Assert.Contains(1, versions);
        Assert.Contains(2, versions);
    }

    [Fact]
    public async Task The_traffic_figures_count_requests_per_stage_with_latency_percentiles()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        for (var i = 0; i < 5; i++) await ScoreOkAsync(client, model, Records(2), Cancel);
        await client.PostAsJsonAsync($"/api/score/{model}", new { records = Array.Empty<object>() }, Cancel);

        var traffic = await client.GetFromJsonAsync<TrafficSnapshot>($"/api/models/{model}/traffic", Cancel);

        Assert.Equal((6L, 1L, 0L), (traffic!.Requests, traffic.Rejected, traffic.Failed));
        Assert.Equal(5, traffic.ServedBy["production"]);
        Assert.True(traffic.P50Ms > 0 && traffic.P50Ms <= traffic.P99Ms);
        Assert.Equal(10, traffic.Series.Sum(s => s.Rows));
    }

    [Fact]
    public async Task A_V2_request_is_logged_per_row_with_summary_statistics_of_each_input_tensor()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, fixture: "linear_classifier.onnx");
        (await StageAsync(approver, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var request = new { id = "v2-log", inputs = new[] { new { name = "features", shape = new[] { 2, 3 }, datatype = "FP32", data = new[] { 1.0, 2.0, 3.0, -1.0, 0.0, 4.0 } } } };

        (await client.PostAsJsonAsync($"/v2/models/{model}/infer", request, Cancel)).EnsureSuccessStatusCode();
        await WaitForCountAsync(app, db => PredictionsOf(db, model), 2, Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.Where(p => p.Model == model).OrderBy(p => p.FeaturesJson).ToListAsync(Cancel);

        var summaries = rows.ConvertAll(r => JsonDocument.Parse(r.FeaturesJson).RootElement.GetProperty("features"));
        var means = summaries.Select(s => s.GetProperty("mean").GetDouble()).Order().ToList();
        Assert.Equal(RowMeans, means);
        Assert.Contains(summaries, s => s.GetProperty("min").GetDouble() == -1 && s.GetProperty("max").GetDouble() == 4);
        Assert.All(rows, r => Assert.Equal(("v2-log", "production"), (r.RequestId, r.ServedBy)));
        Assert.All(rows, r => Assert.NotNull(r.Confidence));
    }

    [Fact]
    public async Task The_simulator_sends_traffic_at_the_chosen_rate_until_stopped()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var bad = await engineer.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 5000 }, Cancel);
        var forbidden = await viewer.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 5 }, Cancel);
        (await engineer.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 40, segments = SimulatedSegments }, Cancel)).EnsureSuccessStatusCode();
        var sent = await WaitForCountAsync(app, db => PredictionsOf(db, model), 20, Cancel);
        var stopped = await (await engineer.DeleteAsync($"/api/models/{model}/simulator", Cancel)).Content.ReadFromJsonAsync<SimulatorStatus>(Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var segments = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.Where(p => p.Model == model).Select(p => p.Segment).Distinct().ToListAsync(Cancel);

        Assert.Equal(RateField, await ErrorFieldsAsync(bad));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.True(sent >= 20);
        Assert.False(stopped!.Running);
        Assert.Equal(SimulatedSegmentsSeen, segments.Order());
    }
}
