using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>Serving errors are counted by kind per version and minute, violations per feature, and inference time gives a cost.</summary>
public class ServiceErrorTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<MetricsView> MetricsAsync(HttpClient client, string model)
    {
        // The flusher writes every few seconds; flushing now keeps the test from waiting on its timer.
        await app.Services.GetRequiredService<ServiceErrorFlusher>().FlushAsync(Cancel);
        var from = Uri.EscapeDataString(TestApp.Now.AddHours(-1).ToString("O"));
        return (await client.GetFromJsonAsync<MetricsView>($"/api/models/{model}/metrics?from={from}&step=1h", Registry.RegistryJson.Options, Cancel))!;
    }

    static long Errors(MetricsView view, string kind) => view.Points.Sum(p => p.Errors.GetValueOrDefault(kind));

    [Fact]
    public async Task Rejected_requests_are_counted_and_each_broken_field_is_counted_against_its_feature()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        // Upstream stopped sending c: two records miss it, one of them also sends b as text.
        var broken = new { records = new object[] { new { a = 1.0, b = 2.0 }, new { a = 1.0, b = "two" } } };
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/score/{model}", broken, Cancel)).StatusCode);
        await ScoreOkAsync(client, model, Records(4), Cancel);

        var view = await MetricsAsync(client, model);

        Assert.Equal(3, Errors(view, ServiceErrorKinds.Rejected));
        Assert.Equal(6, view.ViolationsByFeature["c"]);
        Assert.Equal(3, view.ViolationsByFeature["b"]);
        Assert.False(view.ViolationsByFeature.ContainsKey("a"));
        Assert.Equal(0, Errors(view, ServiceErrorKinds.Fault));
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().ServiceErrorRollups.Where(r => r.Model == model).ToListAsync(Cancel);
        Assert.All(stored, r => Assert.Equal(1, r.Version));
    }

    [Fact]
    public async Task A_failing_model_is_counted_as_a_fault_and_each_request_as_fallback_served_or_refused()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"), Contract());
        await UploadAsync(author, model, UniqueFixture("fails_at_run.onnx"), Contract());
        (await StageAsync(approver, model, 1, "production", "first")).EnsureSuccessStatusCode();
        (await StageAsync(approver, model, 2, "production", "second")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        for (var i = 0; i < 4; i++) Assert.Equal("fallback", (await ScoreOkAsync(client, model, Records(2), Cancel)).ServedBy);
        var view = await MetricsAsync(client, model);

        Assert.Equal(4, Errors(view, ServiceErrorKinds.Fault));
        Assert.Equal(4, Errors(view, ServiceErrorKinds.Fallback));
        Assert.Equal(0, Errors(view, ServiceErrorKinds.Refused));
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().ServiceErrorRollups.Where(r => r.Model == model).ToListAsync(Cancel);
        Assert.All(stored, r => Assert.Equal(2, r.Version));   // the errors belong to the version that should have served
    }

    [Fact]
    public async Task Inference_time_is_kept_per_prediction_and_rolls_up_into_a_cost_per_thousand_at_the_configured_price()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        for (var i = 0; i < 5; i++) await ScoreOkAsync(client, model, Records(10), Cancel);
        await WaitForCountAsync(app, db => PredictionsOf(db, model), 50, Cancel);

        var view = await MetricsAsync(client, model);
        await using var scope = app.Services.CreateAsyncScope();
        var logged = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.Where(p => p.Model == model).Select(p => p.InferenceMs).ToListAsync(Cancel);

        Assert.All(logged, ms => Assert.True(ms > 0));
        var totalMs = logged.Sum(ms => ms!.Value);
        Assert.Equal(totalMs, view.Points.Sum(p => p.InferenceMs), 1e-6);
        Assert.Equal(totalMs / 3_600_000, view.CpuHours, 1e-12);
        Assert.Equal(view.CpuHours * view.PricePerCpuHour / 50 * 1000, view.CostPer1000!.Value, 1e-12);
        Assert.True(view.PricePerCpuHour > 0);
    }
}
