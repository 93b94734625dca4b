namespace OpsConsole.Training;

/// <summary>Precision, recall and F1 of one class, and how many true examples it had.</summary>
public sealed record ClassScores(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, per-class and macro-averaged scores of a classifier on labelled examples.</summary>
public sealed record ClassificationReport(double Accuracy, IReadOnlyList<ClassScores> Classes, double MacroPrecision, double MacroRecall, double MacroF1, int Count)
{
    /// <summary>The report as flat metric names, the form versions carry them: accuracy, f1_macro, precision_fraud, ...</summary>
    public Dictionary<string, double> ToMetrics()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = Accuracy, ["precision_macro"] = MacroPrecision, ["recall_macro"] = MacroRecall, ["f1_macro"] = MacroF1,
        };
        foreach (var c in Classes)
        {
            metrics[$"precision_{c.Label}"] = c.Precision;
            metrics[$"recall_{c.Label}"] = c.Recall;
            metrics[$"f1_{c.Label}"] = c.F1;
        }
        return metrics;
    }
}

/// <summary>
/// Computes a <see cref="ClassificationReport"/>. A class that is never predicted has precision 0, and one with no true
/// examples has recall 0 (scikit-learn's zero_division=0), so macro averages stay defined.
/// </summary>
public static class ClassificationMetrics
{
    public static ClassificationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> labels)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException("Truth and predictions differ in length.", nameof(predicted));
        var classes = new List<ClassScores>();
        for (var k = 0; k < labels.Count; k++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < truth.Count; i++)
            {
                if (predicted[i] == k && truth[i] == k) tp++;
                else if (predicted[i] == k) fp++;
                else if (truth[i] == k) fn++;
            }
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.Add(new ClassScores(labels[k], precision, recall, f1, tp + fn));
        }
        var correct = truth.Where((t, i) => t == predicted[i]).Count();
        return new ClassificationReport(
            truth.Count == 0 ? 0 : (double)correct / truth.Count, classes,
            classes.Average(c => c.Precision), classes.Average(c => c.Recall), classes.Average(c => c.F1), truth.Count);
    }
}
