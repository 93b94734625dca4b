namespace OpsConsole.Monitoring;

public class PerformanceMathTests
{
    static Dictionary<string, double> Yes(double p) => new(StringComparer.Ordinal) { ["yes"] = p, ["no"] = 1 - p };

    static readonly LabelledPrediction[] FourRows =
    [
        new("yes", "yes", Yes(0.9)),
        new("yes", "no", Yes(0.6)),
        new("no", "no", Yes(0.2)),
        new("no", "yes", Yes(0.4)),
    ];

    [Fact]
    public void A_hand_worked_window_gives_its_accuracy_coverage_confusion_and_log_loss()
    {
        var report = PerformanceReport.Compute(predictions: 8, FourRows);

        Assert.Equal((8L, 4, 0.5), (report.Predictions, report.Labelled, report.Coverage));
        Assert.Equal(0.5, report.Classification!.Accuracy, 12);
        // Mean of −ln p(true label): −ln .9, −ln .4, −ln .8, −ln .4.
        Assert.Equal(0.540271376, report.LogLoss!.Value, 8);
        Assert.Equal(
            [("no", "no", 1), ("no", "yes", 1), ("yes", "no", 1), ("yes", "yes", 1)],
            report.Confusion.Select(c => (c.Truth, c.Predicted, c.Count)));
        var yes = report.Classification.Classes.Single(c => c.Label == "yes");
        Assert.Equal((0.5, 0.5, 2), (yes.Precision, yes.Recall, yes.Support));
    }

    [Fact]
    public void A_certain_mistake_is_clipped_so_log_loss_stays_finite()
    {
        var report = PerformanceReport.Compute(1, [new LabelledPrediction("no", "yes", Yes(0))]);

        Assert.Equal(-Math.Log(PerformanceReport.LogLossEpsilon), report.LogLoss!.Value, 9);
    }

    [Fact]
    public void Log_loss_is_left_out_when_some_rows_have_no_probabilities_and_no_labels_means_no_figures()
    {
        var mixed = PerformanceReport.Compute(2, [FourRows[0], new LabelledPrediction("no", "no", null)]);
        var none = PerformanceReport.Compute(10, []);

        Assert.Null(mixed.LogLoss);
        Assert.Equal(1.0, mixed.Classification!.Accuracy);
        Assert.Equal((0, 0.0), (none.Labelled, none.Coverage));
        Assert.Null(none.Classification);
        Assert.Empty(none.Confusion);
    }
}
