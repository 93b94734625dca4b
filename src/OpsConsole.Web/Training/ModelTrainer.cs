using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsConsole.Datasets;
using OpsConsole.Monitoring;
using OpsConsole.Registry;
using OpsConsole.Scoring;

namespace OpsConsole.Training;

/// <summary>
/// Trains a classifier from a CSV, exports it as ONNX, and registers it as a new version with its lineage (dataset
/// hash, trainer version, parameters), holdout metrics and contract, through the same checks as any upload. The
/// holdout rows, with the model's predictions on them, are stored with the version as its drift reference.
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
        var holdout = HoldoutReference.Sample(classifier, outcome.HoldoutFeatures!, DriftQueries.SampleRows);
        return await registration.UploadVersionAsync(model, onnx, metadata, actor, cancellationToken,
            (db, version) => db.ReferenceProfiles.Add(Profile(model, version, classifier, holdout)));
    }

    // The rows as the prediction log would hold them had the holdout been served: numbers as JSON numbers, categories
    // as strings, and an empty cell (or a non-number in a numeric column) as null, which drift counts as missing.
    static ReferenceProfile Profile(string model, ModelVersion version, TrainedClassifier classifier, HoldoutSample holdout)
    {
        var columns = classifier.Encoding.Columns;
        var profile = new ReferenceProfile
        {
            Model = model, Version = version.Version, Source = ReferenceSources.TrainingHoldout, CreatedAt = version.RegisteredAt, RowCount = holdout.HoldoutRows,
        };
        using var buffer = new MemoryStream();
        for (var i = 0; i < holdout.Rows.Count; i++)
        {
            var row = holdout.Rows[i];
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    var text = row.Values[c];
                    if (columns[c].IsNumeric && FeatureEncoding.TryNumber(text, out var number)) writer.WriteNumber(columns[c].Name, number);
                    else if (!columns[c].IsNumeric && text.Length > 0) writer.WriteString(columns[c].Name, text);
                    else writer.WriteNull(columns[c].Name);
                }
                writer.WriteEndObject();
            }
            profile.Rows.Add(new ReferenceProfileRow
            {
                Ordinal = i, FeaturesJson = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
                Label = PredictionLimits.Clip(row.Label), Confidence = row.Confidence,
            });
        }
        return profile;
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
