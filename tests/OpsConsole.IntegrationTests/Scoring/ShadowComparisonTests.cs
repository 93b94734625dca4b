using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>Shadow versions score every served request off the request path, and the comparison feeds the promotion gate.</summary>
public class ShadowComparisonTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static Task<int> ComparisonsOf(OpsDbContext db, string model, int shadow) => db.ShadowComparisons.CountAsync(c => c.Model == model && c.ShadowVersion == shadow);

    [Fact]
    public async Task A_shadow_identical_to_production_agrees_on_every_row_and_one_with_swapped_labels_on_none()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var author = await EngineerAsync(app);
        (await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"), Contract(NoYes))).EnsureSuccessStatusCode();
        (await StageAsync(author, model, 2, "shadow", "compare")).EnsureSuccessStatusCode();
        (await StageAsync(author, model, 3, "shadow", "compare")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var served = await ScoreOkAsync(client, model, Records(12, segment: "web"), Cancel);
        await ScoreOkAsync(client, model, Records(8, segment: "store"), Cancel);

        Assert.Equal((1, "production"), (served.Version, served.ServedBy));
        Assert.Equal(20, await WaitForCountAsync(app, db => ComparisonsOf(db, model, 2), 20, Cancel));
        Assert.Equal(20, await WaitForCountAsync(app, db => ComparisonsOf(db, model, 3), 20, Cancel));
        var same = await client.GetFromJsonAsync<ShadowReportView>($"/api/models/{model}/shadow/2", Cancel);
        var swapped = await client.GetFromJsonAsync<ShadowReportView>($"/api/models/{model}/shadow/3", Cancel);

        Assert.Equal((20, 1.0, 0.0), (same!.Report!.Samples, same.Report.Agreement, same.Report.P95AbsDeltaConfidence!.Value));
        Assert.Empty(same.Disagreements);
        Assert.Equal(0.0, swapped!.Report!.Agreement);
        Assert.Equal(new[] { ("web", 12), ("store", 8) }, swapped.Report.Segments.Select(s => (s.Segment, s.Samples)));
        Assert.Equal(20, swapped.Disagreements.Count);
        var example = swapped.Disagreements[0];
        Assert.NotEqual(example.PrimaryLabel, example.ShadowLabel);
        Assert.Contains("\"a\"", example.FeaturesJson);
        Assert.Equal(40, await WaitForCountAsync(app, db => PredictionsOf(db, model, "shadow"), 40, Cancel));
    }

    [Fact]
    public async Task The_promotion_gate_passes_an_agreeing_shadow_and_refuses_a_disagreeing_one()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        using var lead = await app.AsRoleAsync(Identity.Roles.Lead);
        (await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"), Contract(NoYes))).EnsureSuccessStatusCode();
        (await lead.PutAsJsonAsync($"/api/models/{model}/gate", new { metrics = Array.Empty<object>(), requireCompatibleContract = true, shadow = new { minimumSamples = 10, minimumAgreement = 0.9, maximumLatencyRatio = 50.0 } }, Cancel)).EnsureSuccessStatusCode();

        var tooEarly = await StageAsync(approver, model, 2, "production", "no shadow yet");
        (await StageAsync(author, model, 2, "shadow", "compare")).EnsureSuccessStatusCode();
        (await StageAsync(author, model, 3, "shadow", "compare")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        await ScoreOkAsync(client, model, Records(15), Cancel);
        await WaitForCountAsync(app, db => ComparisonsOf(db, model, 2), 15, Cancel);
        await WaitForCountAsync(app, db => ComparisonsOf(db, model, 3), 15, Cancel);
        var disagreeing = await StageAsync(approver, model, 3, "production", "try the swapped one");
        var agreeing = await StageAsync(approver, model, 2, "production", "shadow agrees");

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("shadow samples", await tooEarly.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Conflict, disagreeing.StatusCode);
        Assert.Contains("agrees with production on 0", await disagreeing.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, agreeing.StatusCode);
    }

    [Fact]
    public async Task A_full_shadow_queue_drops_and_counts_work_without_blocking_the_caller()
    {
        var metrics = app.Services.GetRequiredService<ScoringMetrics>();
        var queue = new ShadowQueue(Options.Create(new ScoringOptions { ShadowQueueCapacity = 1 }), metrics);
        var before = metrics.ShadowDroppedTotal;
        var work = new ShadowWork("m", 1, [2], TestApp.Now, null, null, null, null, [], [], [], 1);

        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < 1000; i++) queue.Offer(work);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(1, queue.Pending);
        Assert.Equal(999, metrics.ShadowDroppedTotal - before);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"Offering took {elapsed}; it must never wait.");
    }

    [Fact]
    public void Large_tensors_are_dropped_once_queued_work_holds_the_value_budget_and_the_budget_comes_back_when_work_is_done()
    {
        var metrics = app.Services.GetRequiredService<ScoringMetrics>();
        var queue = new ShadowQueue(Options.Create(new ScoringOptions { ShadowQueueCapacity = 100, ShadowQueueMaxValues = 1000 }), metrics);
        var image = Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("pixels", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>([1, 600]));
        var work = new ShadowWork("m", 1, [2], TestApp.Now, null, null, null, [image], [], [], [], 1);
        var before = metrics.ShadowDroppedTotal;

        queue.Offer(work);
        queue.Offer(work);
        var heldAfterTwo = (queue.Pending, queue.PendingValues);
        queue.Done(work);
        queue.Offer(work);

        Assert.Equal((1, 600L), heldAfterTwo);
        Assert.Equal(1, metrics.ShadowDroppedTotal - before);
        Assert.Equal((2, 600L), (queue.Pending, queue.PendingValues));
    }

    [Fact]
    public async Task Shadow_reports_answer_404_for_an_unknown_version_and_409_without_production()
    {
        using var author = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, Contract());
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var unknown = await client.GetAsync($"/api/models/{model}/shadow/9", Cancel);
        var noProduction = await client.GetAsync($"/api/models/{model}/shadow/1", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noProduction.StatusCode);
    }
}
