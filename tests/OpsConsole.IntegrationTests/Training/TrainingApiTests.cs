using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsConsole.Identity;
using OpsConsole.Registry;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Training;

public class TrainingApiTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static MultipartFormDataContent Form(string csv, object options) => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "transactions.csv" },
        { new StringContent(System.Text.Json.JsonSerializer.Serialize(options)), "options" },
    };

    [Fact]
    public async Task Training_from_a_csv_registers_a_version_with_lineage_holdout_metrics_and_contract()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var response = await engineer.PostAsync($"/api/models/{model}/train",
            Form(SyntheticTransactions.Csv(600, seed: 4), new { labelColumn = "label", seed = 3, epochs = 200, datasetVersion = "tx-demo-1" }), Cancel);
        var version = await response.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("tx-demo-1", version!.DatasetVersion);
        Assert.StartsWith("opsconsole-trainer", version.CodeCommit, StringComparison.Ordinal);
        Assert.Equal(["fraud", "legit"], version.Labels);
        Assert.InRange(version.Metrics["accuracy"], 0.5, 1.0);
        Assert.Contains("f1_fraud", version.Metrics.Keys);
        Assert.Equal(120, version.Parameters["holdoutRows"].GetInt32());
        Assert.Equal(["amount", "hour", "channel", "country"], version.FeatureSchema.Select(f => f.Name));
        Assert.Equal(["numeric", "channel", "country"], version.Inputs.Select(i => i.Name));
    }

    [Fact]
    public async Task A_bad_csv_or_unknown_label_column_is_a_validation_problem()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);

        var badCsv = await engineer.PostAsync($"/api/models/{model}/train", Form("a,b\n1,2,3\n", new { labelColumn = "b" }), Cancel);
        var badLabel = await engineer.PostAsync($"/api/models/{model}/train", Form(SyntheticTransactions.Csv(50, 1), new { labelColumn = "target" }), Cancel);
        var badOptions = await engineer.PostAsync($"/api/models/{model}/train", Form(SyntheticTransactions.Csv(50, 1), new { labelColumn = "label", epochs = 0 }), Cancel);

        Assert.Equal(["file"], await ErrorFieldsAsync(badCsv));
        Assert.Contains("There is no column 'target'", await ErrorTextAsync(badLabel, "options"), StringComparison.Ordinal);
        Assert.Equal(["options.epochs"], await ErrorFieldsAsync(badOptions));
    }

    [Fact]
    public async Task The_demo_seed_creates_two_trained_versions_one_serving_and_one_in_shadow_only_once()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        DemoModelSeeder Seeder() => new(services.GetRequiredService<RegistryQueries>(), services.GetRequiredService<ModelRegistration>(),
            services.GetRequiredService<ModelTrainer>(), services.GetRequiredService<StageChanger>(), services.GetRequiredService<AuditActor>(),
            services.GetRequiredService<OpsDbContext>(), TimeProvider.System, Options.Create(new DemoOptions { Enabled = true }), services.GetRequiredService<ILogger<DemoModelSeeder>>());

        await Seeder().SeedAsync(Cancel);
        await Seeder().SeedAsync(Cancel);

        using var viewer = await app.AsRoleAsync(Roles.Viewer);
        var model = await viewer.GetFromJsonAsync<ModelView>($"/api/models/{DemoModelSeeder.ModelName}", RegistryJson.Options, Cancel);
        var versions = (await viewer.GetFromJsonAsync<List<VersionView>>($"/api/models/{DemoModelSeeder.ModelName}/versions", RegistryJson.Options, Cancel))!;
        Assert.Equal((2, (int?)1), (model!.Versions, model.Production));
        Assert.Equal([2], model.Shadows);
        Assert.True(versions.Single(v => v.Version == 2).Metrics["accuracy"] >= versions.Single(v => v.Version == 1).Metrics["accuracy"]);
        Assert.All(versions, v => Assert.Equal("system:demo", v.RegisteredBy));
        // Its first minutes of traffic are the drift reference, so a newcomer sees drift within the first half hour.
        var drift = await viewer.GetFromJsonAsync<Monitoring.DriftSettings>($"/api/models/{DemoModelSeeder.ModelName}/drift-settings", RegistryJson.Options, Cancel);
        Assert.Equal(DemoModelSeeder.DemoReference, drift!.ReferenceTo - drift.ReferenceFrom);
    }
}
