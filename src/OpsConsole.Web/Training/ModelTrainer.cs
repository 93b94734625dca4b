using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsConsole.Datasets;
using OpsConsole.Registry;

namespace OpsConsole.Training;

/// <summary>
/// Trains a classifier from a CSV, exports it as ONNX, and registers it as a new version with its lineage (dataset
/// hash, trainer version, parameters), holdout metrics and contract, through the same checks as any upload.
/// </summary>
public sealed class ModelTrainer(ModelRegistration registration)
{
    static readonly string TrainerVersion = typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public async Task<Outcome<VersionView>> TrainAsync(string model, string csv, TrainingOptions options, RegistryActor actor, CancellationToken cancellationToken)
    {
        var errors = options.Check();
        if (errors.Count > 0) return Outcome.Invalid<VersionView>(errors);
        var read = CsvReader.Parse(csv);
        if (read.Table is not { } table) return Outcome.Invalid<VersionView>("file", read.Error!);

        var outcome = TabularTrainer.Train(table, new TrainingRequest(options.LabelColumn!, options.HoldoutFraction, options.Seed,
            new SoftmaxTraining(options.Epochs, options.LearningRate, options.L2)));
        if (outcome.Classifier is not { } classifier) return Outcome.Invalid<VersionView>("options", outcome.Error!);

        var datasetHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)))[..16];
        var metadata = new VersionMetadata(
            Description: options.Description ?? $"Softmax regression on {table.Rows.Count} rows, label '{options.LabelColumn}'.",
            FeatureSchema: classifier.Contract(),
            Labels: classifier.Labels,
            DatasetVersion: options.DatasetVersion ?? "csv-sha256:" + datasetHash,
            CodeCommit: "opsconsole-trainer " + TrainerVersion,
            Parameters: Parameters(options, outcome),
            Metrics: outcome.Holdout!.ToMetrics());
        var onnx = OnnxClassifierWriter.Write(classifier, TrainerVersion);
        return await registration.UploadVersionAsync(model, onnx, metadata, actor, cancellationToken);
    }

    static Dictionary<string, JsonElement> Parameters(TrainingOptions options, TrainingOutcome outcome) => new()
    {
        ["algorithm"] = JsonSerializer.SerializeToElement("softmax-regression"),
        ["labelColumn"] = JsonSerializer.SerializeToElement(options.LabelColumn),
        ["epochs"] = JsonSerializer.SerializeToElement(options.Epochs),
        ["learningRate"] = JsonSerializer.SerializeToElement(options.LearningRate),
        ["l2"] = JsonSerializer.SerializeToElement(options.L2),
        ["seed"] = JsonSerializer.SerializeToElement(options.Seed),
        ["holdoutFraction"] = JsonSerializer.SerializeToElement(options.HoldoutFraction),
        ["trainingRows"] = JsonSerializer.SerializeToElement(outcome.TrainingRows),
        ["holdoutRows"] = JsonSerializer.SerializeToElement(outcome.HoldoutRows),
    };
}
