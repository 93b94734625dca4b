using OpsConsole.Training;

namespace OpsConsole.Monitoring;

/// <summary>A logged prediction whose ground truth has arrived.</summary>
public sealed record LabelledPrediction(string Predicted, string Truth, IReadOnlyDictionary<string, double>? Probabilities);

/// <summary>How often a true label was predicted as another: one cell of the confusion matrix.</summary>
public sealed record ConfusionCell(string Truth, string Predicted, int Count);

/// <summary>
/// Realized performance of a classifier over a window: label coverage (outcomes / predictions, always shown beside the
/// figures), the classification report (accuracy, per-class and macro precision, recall and F1, as the trainer computes
/// them), the confusion matrix, and log loss when probabilities were logged.
/// </summary>
public sealed record PerformanceReport(long Predictions, int Labelled, double Coverage, ClassificationReport? Classification,
    IReadOnlyList<ConfusionCell> Confusion, double? LogLoss)
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] before the log, as scikit-learn's log_loss does, so one certain mistake stays finite.</summary>
    public const double LogLossEpsilon = 1e-15;

    public static PerformanceReport Compute(long predictions, IReadOnlyList<LabelledPrediction> labelled)
    {
        var coverage = predictions == 0 ? 0 : (double)labelled.Count / predictions;
        if (labelled.Count == 0) return new PerformanceReport(predictions, 0, coverage, null, [], null);
        var labels = labelled.SelectMany(l => new[] { l.Truth, l.Predicted }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var report = ClassificationMetrics.Compute([.. labelled.Select(l => index[l.Truth])], [.. labelled.Select(l => index[l.Predicted])], labels);
        var confusion = labelled.GroupBy(l => (l.Truth, l.Predicted)).OrderBy(g => g.Key.Truth, StringComparer.Ordinal).ThenBy(g => g.Key.Predicted, StringComparer.Ordinal)
            .Select(g => new ConfusionCell(g.Key.Truth, g.Key.Predicted, g.Count())).ToList();
        // Log loss only when every labelled row carries probabilities: a mean over a subset would not be the model's.
        double? logLoss = labelled.All(l => l.Probabilities is not null)
            ? labelled.Average(l => -Math.Log(Math.Clamp(l.Probabilities!.GetValueOrDefault(l.Truth), LogLossEpsilon, 1 - LogLossEpsilon)))
            : null;
        return new PerformanceReport(predictions, labelled.Count, coverage, report, confusion, logLoss);
    }
}
