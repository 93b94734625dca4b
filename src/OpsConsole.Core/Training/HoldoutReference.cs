using OpsConsole.Monitoring;

namespace OpsConsole.Training;

/// <summary>One holdout row as a drift reference: its raw feature values and what the trained model predicts for it.</summary>
public sealed record HoldoutPrediction(IReadOnlyList<string> Values, string Label, double Confidence);

/// <summary>The holdout rows kept as a drift reference, and how many the holdout had.</summary>
public sealed record HoldoutSample(IReadOnlyList<HoldoutPrediction> Rows, long HoldoutRows)
{
    public bool IsSampled => HoldoutRows > Rows.Count;
}

/// <summary>
/// A training run's holdout as its version's drift reference: at most <c>capacity</c> rows, drawn with the drift code's
/// seeded <see cref="ReservoirSample{T}"/> (so the reference is sampled exactly as a production window would be), each
/// with the trained model's label and confidence, so prediction and confidence drift have a reference too.
/// </summary>
public static class HoldoutReference
{
    public static HoldoutSample Sample(TrainedClassifier classifier, IReadOnlyList<IReadOnlyList<string>> holdout, int capacity)
    {
        var sample = new ReservoirSample<IReadOnlyList<string>>(capacity);
        foreach (var row in holdout) sample.Add(row);
        // Only the kept rows are predicted: a capped holdout costs no more than the cap.
        var rows = sample.Items.Select(values =>
        {
            var p = classifier.Predict(values);
            var best = TabularTrainer.ArgMax(p);
            return new HoldoutPrediction(values, classifier.Labels[best], p[best]);
        }).ToList();
        return new HoldoutSample(rows, sample.Seen);
    }
}
