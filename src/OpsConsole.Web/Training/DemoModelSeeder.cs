using Microsoft.Extensions.Options;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Training;

/// <summary>
/// In demo mode, creates the demo model <c>card-fraud</c> with two versions trained by the console's own trainer on a
/// synthetic dataset with fixed seeds: v1 (a short run on the first 300 rows) in production, v2 (a full run on all
/// 3,000) in shadow, so the two differ the way a first and a second release do.
/// </summary>
public sealed class DemoModelSeeder(RegistryQueries queries, ModelRegistration registration, ModelTrainer trainer, StageChanger stages,
    AuditActor audit, OpsDbContext db, TimeProvider time, IOptions<DemoOptions> demo, ILogger<DemoModelSeeder> logger)
{
    public const string ModelName = "card-fraud";

    /// <summary>The demo's first minutes of traffic are its drift reference, so the heatmap fills within the first half hour instead of after a week in production.</summary>
    public static readonly TimeSpan DemoReference = TimeSpan.FromMinutes(15);
    static readonly RegistryActor Actor = new(null, "system:demo", Roles.Admin);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || await queries.ModelAsync(ModelName, cancellationToken) is not null) return;
        audit.UseSystem(Actor.Name);
        var created = await registration.CreateModelAsync(new NewModel(ModelName, "Flags card transactions that look fraudulent (demo, synthetic data).",
            ModelTasks.Classification, "payments-risk", ["demo", "tabular"]), Actor, cancellationToken);
        if (created.Kind != OutcomeKind.Done) return;

        var csv = SyntheticTransactions.Csv(3000, seed: 2026);
        var firstRows = string.Join('\n', csv.Split('\n').Take(301)) + "\n";
        var v1 = await trainer.TrainAsync(ModelName, firstRows, new TrainingOptions("label", Epochs: 15, Description: "Quick baseline: 300 rows, 15 epochs.",
            DatasetVersion: "synthetic-transactions-2026-seed2026-first300"), Actor, cancellationToken);
        var v2 = await trainer.TrainAsync(ModelName, csv, new TrainingOptions("label", Epochs: 400, Description: "Full run: 3,000 rows, 400 epochs.",
            DatasetVersion: "synthetic-transactions-2026-seed2026"), Actor, cancellationToken);
        if (v1.Value is null || v2.Value is null) return;
        await stages.ChangeAsync(ModelName, v1.Value.Version, new StageChange("production", null, "Demo: first release"), Actor, cancellationToken);
        await stages.ChangeAsync(ModelName, v2.Value.Version, new StageChange("shadow", null, "Demo: compare against production"), Actor, cancellationToken);
        var now = time.GetUtcNow();
        await Monitoring.DriftSettingsStore.SaveAsync(db, ModelName, new Monitoring.DriftSettings(ReferenceFrom: now, ReferenceTo: now + DemoReference), cancellationToken);
        var (first, second) = (v1.Value.Metrics.GetValueOrDefault("accuracy"), v2.Value.Metrics.GetValueOrDefault("accuracy"));
        logger.DemoModelSeeded(ModelName, first, second);
    }
}
