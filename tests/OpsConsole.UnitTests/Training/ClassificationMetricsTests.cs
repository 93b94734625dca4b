namespace OpsConsole.Training;

public class ClassificationMetricsTests
{
    [Fact]
    public void Scores_match_a_hand_counted_confusion_matrix()
    {
        // truth:     a a a b b c      predicted: a a b b c c
        // a: tp 2 fp 0 fn 1 -> P 1, R 2/3, F1 0.8;  b: tp 1 fp 1 fn 1 -> P 0.5 R 0.5 F1 0.5;  c: tp 1 fp 1 fn 0 -> P 0.5 R 1 F1 2/3
        var report = ClassificationMetrics.Compute([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ["a", "b", "c"]);

        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        double[][] expected = [[1.0, 2.0 / 3, 0.8, 3], [0.5, 0.5, 0.5, 2], [0.5, 1.0, 2.0 / 3, 1]];
        for (var k = 0; k < 3; k++)
        {
            var c = report.Classes[k];
            Assert.Equal(expected[k], [c.Precision, c.Recall, c.F1, c.Support], (a, b) => Math.Abs(a - b) < 1e-12);
        }
        Assert.Equal((1.0 + 0.5 + 0.5) / 3, report.MacroPrecision, 12);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, report.MacroF1, 12);
    }

    [Fact]
    public void A_class_never_predicted_scores_zero_instead_of_dividing_by_zero()
    {
        var report = ClassificationMetrics.Compute([0, 1], [0, 0], ["x", "y"]);

        Assert.Equal((0.0, 0.0, 0.0), (report.Classes[1].Precision, report.Classes[1].Recall, report.Classes[1].F1));
        Assert.Equal(0.5, report.Classes[0].Precision);
    }

    [Fact]
    public void The_flat_metrics_carry_accuracy_and_each_class()
    {
        var metrics = ClassificationMetrics.Compute([0, 1], [0, 1], ["legit", "fraud"]).ToMetrics();

        Assert.Equal(1.0, metrics["accuracy"]);
        Assert.Equal(1.0, metrics["f1_fraud"]);
        Assert.Contains("recall_legit", metrics.Keys);
    }
}
