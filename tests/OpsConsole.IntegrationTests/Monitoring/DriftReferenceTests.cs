using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Registry;
using OpsConsole.Training;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>A version the console trained keeps its holdout as its drift reference; the model's settings choose between it and a production window.</summary>
public class DriftReferenceTests(TestApp app)
{
    static readonly string[] ReferenceSourceField = ["referenceSource"];
    static readonly string[] Amount = ["amount"];
    static readonly string[] Labels = ["fraud", "legit"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    // 1,500 rows with a fifth held out: a holdout of 300, enough for data-driven thresholds (10 chunks of 30).
    const int HoldoutRows = 300;

    async Task<string> TrainedServingModelAsync(HttpClient engineer)
    {
        var model = await CreateModelAsync(engineer);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(SyntheticTransactions.Csv(1500, seed: 31))), "file", "transactions.csv" },
            { new StringContent(JsonSerializer.Serialize(new { labelColumn = "label", seed = 5, epochs = 100 })), "options" },
        };
        (await engineer.PostAsync($"/api/models/{model}/train", form, Cancel)).EnsureSuccessStatusCode();
        using var approver = await EngineerAsync(app);
        (await StageAsync(approver, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        return model;
    }

    // Records drawn like the training data, from another seed; amountFactor moves one feature only.
    static object Traffic(int count, int seed, double amountFactor = 1) => new
    {
        records = SyntheticTransactions.Csv(count, seed).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')).Select(f => new
        {
            amount = double.Parse(f[0], CultureInfo.InvariantCulture) * amountFactor,
            hour = double.Parse(f[1], CultureInfo.InvariantCulture),
            channel = f[2],
            country = f[3],
        }).ToArray(),
    };

    async Task ServeAsync(HttpClient client, string model, object traffic, int count)
    {
        await ScoreOkAsync(client, model, traffic, Cancel);
        Assert.Equal(count, await WaitForCountAsync(app, db => PredictionsOf(db, model), count, Cancel));
    }

    [Fact]
    public async Task A_trained_version_stores_its_holdout_with_the_models_predictions_as_its_reference_profile()
    {
        using var engineer = await EngineerAsync(app);
        var model = await TrainedServingModelAsync(engineer);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var profile = await db.ReferenceProfiles.AsNoTracking().Include(p => p.Rows).SingleAsync(p => p.Model == model, Cancel);

        Assert.Equal((1, ReferenceSources.TrainingHoldout, (long)HoldoutRows, HoldoutRows), (profile.Version, profile.Source, profile.RowCount, profile.Rows.Count));
        Assert.Equal(Enumerable.Range(0, HoldoutRows), profile.Rows.Select(r => r.Ordinal).Order());
        using var features = JsonDocument.Parse(profile.Rows[0].FeaturesJson);
        Assert.Equal([("amount", JsonValueKind.Number), ("hour", JsonValueKind.Number), ("channel", JsonValueKind.String), ("country", JsonValueKind.String)],
            features.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind)));
        Assert.All(profile.Rows, r => Assert.Contains(r.Label, Labels));
        Assert.All(profile.Rows, r => Assert.InRange(r.Confidence!.Value, 0.5, 1));
    }

    [Fact]
    public async Task With_auto_traffic_like_the_training_data_does_not_drift_from_the_holdout_and_a_shifted_amount_drifts_alone()
    {
        using var engineer = await EngineerAsync(app);
        var steady = await TrainedServingModelAsync(engineer);
        var shifted = await TrainedServingModelAsync(engineer);
        await ServeAsync(engineer, steady, Traffic(400, seed: 32), 400);
        await ServeAsync(engineer, shifted, Traffic(400, seed: 32, amountFactor: 3), 400);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var calm = await viewer.GetFromJsonAsync<DriftView>($"/api/models/{steady}/drift?window=1h", RegistryJson.Options, Cancel);
        var moved = await viewer.GetFromJsonAsync<DriftView>($"/api/models/{shifted}/drift?window=1h", RegistryJson.Options, Cancel);
        var column = await viewer.GetFromJsonAsync<FeatureDriftView>($"/api/models/{shifted}/drift/columns/amount?window=1h", RegistryJson.Options, Cancel);

        Assert.Equal((ReferenceSources.TrainingHoldout, (long)HoldoutRows, false, 400L), (calm!.Reference.Source, calm.Reference.Rows, calm.Reference.Sampled, calm.Current.Rows));
        Assert.Equal(calm.Reference.From, calm.Reference.To);   // a holdout has no window: both are the profile's creation
        Assert.Empty(calm.Columns.Where(c => c.Kind == "feature" && c.Drift).Select(c => c.Column));
        Assert.Equal(4, calm.Columns.Count(c => c.Kind == "feature" && c.Statistic is not null));
        Assert.Equal(ReferenceSources.TrainingHoldout, moved!.Reference.Source);
        Assert.Equal(Amount, moved.Columns.Where(c => c.Kind == "feature" && c.Drift).Select(c => c.Column));
        Assert.Equal((ReferenceSources.TrainingHoldout, (long)HoldoutRows, true), (column!.Reference.Source, column.Reference.Rows, column.Drift.Drift));
    }

    [Fact]
    public async Task The_drift_job_and_data_driven_thresholds_use_the_holdout_too()
    {
        using var engineer = await EngineerAsync(app);
        var model = await TrainedServingModelAsync(engineer);
        await ServeAsync(engineer, model, Traffic(400, seed: 33), 400);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { columns = new { amount = new { method = "wasserstein", dataDriven = true } } }, Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var drift = await viewer.GetFromJsonAsync<DriftView>($"/api/models/{model}/drift?window=1h", RegistryJson.Options, Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        // Another test's run of the job may already have stored this model's snapshot; either run compared with the holdout.
        await scope.ServiceProvider.GetRequiredService<DriftJob>().RunAsync(Cancel);
        var snapshot = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().DriftSnapshots.AsNoTracking()
            .Where(s => s.Model == model).OrderByDescending(s => s.Id).FirstAsync(Cancel);
        var history = await viewer.GetFromJsonAsync<List<DriftPointView>>($"/api/models/{model}/drift/history", RegistryJson.Options, Cancel);

        var amount = drift!.Columns.Single(c => c.Column == "amount");
        Assert.Equal(("wasserstein", ThresholdSources.Data, false), (amount.Method, amount.ThresholdSource, amount.Drift));
        Assert.Equal((ReferenceSources.TrainingHoldout, (long)HoldoutRows), (snapshot.ReferenceSource, snapshot.ReferenceRows));
        Assert.Equal(ReferenceSources.TrainingHoldout, history![^1].ReferenceSource);
    }

    [Fact]
    public async Task Window_compares_a_trained_version_with_its_production_window_instead()
    {
        using var engineer = await EngineerAsync(app);
        var model = await TrainedServingModelAsync(engineer);
        var start = TestApp.Now.AddSeconds(-1);
        await ServeAsync(engineer, model, Traffic(200, seed: 34), 200);
        var end = TestApp.Now.AddMilliseconds(1);
        await ServeAsync(engineer, model, Traffic(300, seed: 35), 500);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceSource = "window" }, Cancel)).EnsureSuccessStatusCode();
        var firstWeek = await viewer.GetAsync($"/api/models/{model}/drift?window=1h", Cancel);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceSource = "window", referenceFrom = start, referenceTo = end }, Cancel)).EnsureSuccessStatusCode();
        var fixedWindow = await viewer.GetFromJsonAsync<DriftView>($"/api/models/{model}/drift?window=1h", RegistryJson.Options, Cancel);

        // Promoted a moment ago, so its first week in production has not ended: the answer says so, as for an uploaded version.
        Assert.Equal(HttpStatusCode.Conflict, firstWeek.StatusCode);
        Assert.Contains("no reference window yet", await firstWeek.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((ReferenceSources.Window, 200L, start, end), (fixedWindow!.Reference.Source, fixedWindow.Reference.Rows, fixedWindow.Reference.From, fixedWindow.Reference.To));
    }

    [Fact]
    public async Task Training_on_an_uploaded_version_is_a_conflict_that_says_why_and_what_to_choose()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceSource = "training" }, Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var drift = await viewer.GetAsync($"/api/models/{model}/drift", Cancel);
        var column = await viewer.GetAsync($"/api/models/{model}/drift/columns/a", Cancel);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (drift.StatusCode, column.StatusCode));
        using var problem = JsonDocument.Parse(await drift.Content.ReadAsStringAsync(Cancel));
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("has no training holdout", detail, StringComparison.Ordinal);
        Assert.Contains("uploaded", detail, StringComparison.Ordinal);
        Assert.Contains("referenceSource", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_reference_source_or_a_holdout_with_a_fixed_window_is_refused_by_field()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var now = TestApp.Now;

        var unknown = await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { referenceSource = "holdout" }, Cancel);
        var contradiction = await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings",
            new { referenceSource = "training", referenceFrom = now.AddDays(-7), referenceTo = now }, Cancel);

        Assert.Equal(ReferenceSourceField, await ErrorFieldsAsync(unknown));
        Assert.Equal(ReferenceSourceField, await ErrorFieldsAsync(contradiction));
        Assert.Contains("auto, training, window", await ErrorTextAsync(unknown, "referenceSource"), StringComparison.Ordinal);
    }
}
