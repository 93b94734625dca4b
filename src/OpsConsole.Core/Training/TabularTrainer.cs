using OpsConsole.Datasets;
using OpsConsole.Registry;

namespace OpsConsole.Training;

/// <summary>What to train: which column is the label, how much to hold out, and the seed that makes it repeatable.</summary>
public sealed record TrainingRequest(string LabelColumn, double HoldoutFraction = 0.2, int Seed = 42, SoftmaxTraining? Settings = null);

/// <summary>A trained classifier with everything needed to predict, export and register it.</summary>
public sealed record TrainedClassifier(FeatureEncoding Encoding, SoftmaxModel Model, IReadOnlyList<string> Labels)
{
    /// <summary>Class probabilities for one raw row (values in the order of <see cref="FeatureEncoding.Columns"/>).</summary>
    public double[] Predict(IReadOnlyList<string> row)
    {
        var x = new double[Encoding.Width];
        Encoding.Encode(row, x);
        var p = new double[Labels.Count];
        Model.Probabilities(x, p);
        return p;
    }

    /// <summary>The data contract the model was trained on: numbers, and categories with their training vocabulary.</summary>
    public IReadOnlyList<FeatureSpec> Contract() =>
        [.. Encoding.Columns.Select(c => c.IsNumeric ? new FeatureSpec(c.Name, FeatureTypes.Number) : new FeatureSpec(c.Name, FeatureTypes.Category, Categories: c.Vocabulary))];
}

/// <summary>
/// The result of a training run: the model, its holdout report, how the rows were split, and the holdout rows' raw
/// feature values (in <see cref="FeatureEncoding.Columns"/> order, in the split's seeded order) for the drift reference.
/// </summary>
public sealed record TrainingOutcome(TrainedClassifier? Classifier, ClassificationReport? Holdout, int TrainingRows, int HoldoutRows, string? Error,
    IReadOnlyList<IReadOnlyList<string>>? HoldoutFeatures = null);

/// <summary>Trains a softmax classifier on a CSV table with a seeded holdout split.</summary>
public static class TabularTrainer
{
    public const int MaxClasses = 50;
    public const int MaxCategoriesPerFeature = 200;
    public const int MaxEncodedWidth = 5000;

    /// <summary>Names the exported ONNX graph uses for itself; a feature may not take them.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["numeric", "probabilities", "label", "W", "B", "encoded", "logits", "logits_raw", "numeric_scaled"];

    public static TrainingOutcome Train(CsvTable table, TrainingRequest request)
    {
        var labelIndex = table.IndexOf(request.LabelColumn);
        if (labelIndex < 0) return Fail($"There is no column '{request.LabelColumn}' to use as the label.");
        if (table.Columns.Count < 2) return Fail("The table needs at least one feature column besides the label.");
        if (request.HoldoutFraction is < 0.05 or > 0.5) return Fail("Hold out between 5% and 50% of the rows.");
        var labels = table.Rows.Select(r => r[labelIndex]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2) return Fail("The label column needs at least two distinct classes.");
        if (labels.Count > MaxClasses) return Fail($"The label column has {labels.Count} classes; the trainer takes at most {MaxClasses}. Is it an id?");
        if (table.Rows.Count < 10) return Fail("At least 10 rows are needed to train and hold some out.");

        var featureNames = table.Columns.Where((_, i) => i != labelIndex).ToList();
        if (featureNames.FirstOrDefault(n => ReservedNames.Contains(n) || n.StartsWith("onehot_", StringComparison.Ordinal)) is { } reserved)
            return Fail($"The column name '{reserved}' is used by the exported model itself; rename the column.");
        var order = Shuffle(table.Rows.Count, request.Seed);
        var holdoutCount = Math.Max(1, (int)Math.Round(table.Rows.Count * request.HoldoutFraction));
        var holdout = order.Take(holdoutCount).Select(i => table.Rows[i]).ToList();
        var training = order.Skip(holdoutCount).Select(i => table.Rows[i]).ToList();

        IReadOnlyList<string> Features(IReadOnlyList<string> row) => [.. row.Where((_, i) => i != labelIndex)];
        var encoding = FeatureEncoding.Learn(featureNames, training.Select(Features).ToList());
        if (encoding.Columns.FirstOrDefault(c => c.Vocabulary.Count > MaxCategoriesPerFeature) is { } wide)
        {
            return Fail($"'{wide.Name}' has {wide.Vocabulary.Count} distinct values; a category may have at most {MaxCategoriesPerFeature}."
                + " If it is a number, a value that is not one (an empty cell) made it a category.");
        }
        if (encoding.Width > MaxEncodedWidth) return Fail($"The features encode to {encoding.Width} inputs; the trainer takes at most {MaxEncodedWidth}.");
        var labelOf = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var x = new double[training.Count * encoding.Width];
        for (var i = 0; i < training.Count; i++) encoding.Encode(Features(training[i]), x.AsSpan(i * encoding.Width, encoding.Width));
        var y = training.Select(r => labelOf[r[labelIndex]]).ToArray();

        var model = SoftmaxRegression.Fit(x, y, encoding.Width, labels.Count, request.Settings ?? new SoftmaxTraining());
        var classifier = new TrainedClassifier(encoding, model, labels);
        var truth = holdout.Select(r => labelOf[r[labelIndex]]).ToList();
        var holdoutFeatures = holdout.Select(Features).ToList();
        var predicted = holdoutFeatures.Select(r => ArgMax(classifier.Predict(r))).ToList();
        return new TrainingOutcome(classifier, ClassificationMetrics.Compute(truth, predicted, labels), training.Count, holdout.Count, null, holdoutFeatures);
    }

    public static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    // Fisher–Yates with a seeded generator: the same seed gives the same split on every machine and .NET version.
    static int[] Shuffle(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    static TrainingOutcome Fail(string error) => new(null, null, 0, 0, error);
}
