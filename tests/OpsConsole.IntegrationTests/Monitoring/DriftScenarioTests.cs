using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>The seeded scenario: demo traffic, then the same traffic with one feature moved; one drift run flags that feature and only it.</summary>
public class DriftScenarioTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mean_shift_injected_into_one_feature_of_the_simulated_traffic_is_flagged_by_one_drift_run_and_nothing_else_is()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var start = TestApp.Now.AddSeconds(-1);
        // Seeded and counted, so the records are the same on every run: 400 as they come, then 400 with b drawn from the top half of its range.
        (await engineer.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 200, segments = Array.Empty<string>(), outcomeShare = 0, limit = 400, seed = 11 }, Cancel)).EnsureSuccessStatusCode();
        await WaitForCountAsync(app, db => PredictionsOf(db, model), 400, Cancel);
        var referenceEnd = TestApp.Now.AddMilliseconds(1);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceFrom = start, referenceTo = referenceEnd }, Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/models/{model}/simulator", new { requestsPerSecond = 200, segments = Array.Empty<string>(), outcomeShare = 0, limit = 400, seed = 12, drift = new { b = 0.5 } }, Cancel)).EnsureSuccessStatusCode();
        Assert.Equal(800, await WaitForCountAsync(app, db => PredictionsOf(db, model), 800, Cancel));

        await using var scope = app.Services.CreateAsyncScope();
        // Other tests run the job for every model at any moment: a run of theirs during the traffic would leave a half-way
        // snapshot that makes this run skip the model as fresh. This test's run is the one under test.
        await scope.ServiceProvider.GetRequiredService<OpsDbContext>().DriftSnapshots.Where(s => s.Model == model).ExecuteDeleteAsync(Cancel);
        await scope.ServiceProvider.GetRequiredService<DriftJob>().RunAsync(Cancel);
        var snapshot = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().DriftSnapshots.AsNoTracking().Where(s => s.Model == model).OrderByDescending(s => s.Id).FirstAsync(Cancel);
        var columns = System.Text.Json.JsonSerializer.Deserialize<List<DriftColumnView>>(snapshot.ColumnsJson, Registry.RegistryJson.Options)!;

        Assert.Equal((400L, 800L), (snapshot.ReferenceRows, snapshot.CurrentRows));
        Assert.Equal(["b"], columns.Where(c => c.Kind == "feature" && c.Drift).Select(c => c.Column));
        Assert.True(columns.Single(c => c.Column == "b").PValue < 1e-10);
    }
}
