using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Monitoring;

/// <summary>A model's drift settings change how its drift is judged, and the answer says where each threshold came from.</summary>
public class DriftSettingsApiTests(TestApp app)
{
    static readonly string[] BadFields = ["method", "columns.a.dataDriven"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    // a is uniform on [0, 2) and, in the reference, wanders by ±0.25 from one stretch of 100 rows to the next (a feature
    // with its own seasonality); now it sits 0.15 up: past wasserstein's fixed 0.1, well inside the reference's own wandering.
    static object Batch(string model, DateTimeOffset around, double shift, bool wanders, int count, int seed) => new
    {
        model, version = 1,
        predictions = Enumerable.Range(0, count).Select(i =>
        {
            var random = new Random(seed + i);
            var wander = wanders ? (i / 100 % 2 == 0 ? 0.25 : -0.25) : 0;
            return new { timestamp = around.AddSeconds(-i), features = new { a = random.NextDouble() * 2 + shift + wander, b = random.NextDouble(), c = random.NextDouble() }, label = "no", confidence = 0.7 };
        }).ToArray(),
    };

    [Fact]
    public async Task A_data_driven_threshold_widens_the_band_of_a_noisy_feature_and_a_fixed_one_is_named_as_the_models()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var referenceAt = TestApp.Now.AddDays(-9);
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, referenceAt, 0, true, 1000, 1), Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync("/api/predictions", Batch(model, TestApp.Now.AddMinutes(-5), 0.15, false, 300, 90_000), Cancel)).EnsureSuccessStatusCode();
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var reference = new { referenceFrom = referenceAt.AddHours(-1), referenceTo = referenceAt.AddHours(1) };
        async Task<DriftColumnView> ColumnAsync(string name) =>
            (await viewer.GetFromJsonAsync<DriftView>($"/api/models/{model}/drift?window=1h", Registry.RegistryJson.Options, Cancel))!.Columns.Single(c => c.Column == name);

        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { reference.referenceFrom, reference.referenceTo, columns = new { a = new { method = "wasserstein" } } }, Cancel)).EnsureSuccessStatusCode();
        var fixedDefault = await ColumnAsync("a");
        (await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { reference.referenceFrom, reference.referenceTo, columns = new { a = new { method = "wasserstein", dataDriven = true }, b = new { method = "psi", threshold = 0.4 } } }, Cancel)).EnsureSuccessStatusCode();
        var dataDriven = await ColumnAsync("a");
        var b = await ColumnAsync("b");
        var stored = await viewer.GetFromJsonAsync<DriftSettings>($"/api/models/{model}/drift-settings", Registry.RegistryJson.Options, Cancel);

        Assert.Equal(("wasserstein", 0.1, true, ThresholdSources.Default), (fixedDefault.Method, fixedDefault.Threshold, fixedDefault.Drift, fixedDefault.ThresholdSource));
        Assert.Equal((ThresholdSources.Data, false), (dataDriven.ThresholdSource, dataDriven.Drift));
        Assert.True(dataDriven.Threshold > fixedDefault.Statistic, $"data-driven {dataDriven.Threshold} against statistic {fixedDefault.Statistic}");
        Assert.Equal(("psi", 0.4, ThresholdSources.Model), (b.Method, b.Threshold, b.ThresholdSource));
        Assert.True(stored!.Columns!["a"].DataDriven);
    }

    [Fact]
    public async Task Bad_settings_are_refused_field_by_field_and_an_unknown_model_is_404()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);

        var bad = await engineer.PutAsJsonAsync($"/api/models/{model}/drift-settings", new { method = "magic", columns = new { a = new { method = "ks", dataDriven = true } } }, Cancel);
        var unknown = await engineer.PutAsJsonAsync("/api/models/no-such-model/drift-settings", new { }, Cancel);

        Assert.Equal(BadFields, await ErrorFieldsAsync(bad));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
