namespace OpsConsole.Monitoring;

public class ConfidenceBasedEstimateTests
{
    [Fact]
    public void The_binary_form_gives_statistics_md_example()
    {
        var (accuracy, f1) = ConfidenceBasedEstimate.Binary([0.9, 0.8, 0.6, 0.4, 0.3, 0.1]);

        Assert.Equal(0.75, accuracy, 12);
        Assert.Equal(2.3 / 3.05, f1!.Value, 12);   // TP 2.3, FP 0.7, FN 0.8: 0.7541
        Assert.Equal(0.7541, Math.Round(f1.Value, 4));
    }

    [Fact]
    public void The_expected_accuracy_is_the_mean_predicted_class_probability_with_a_bernoulli_standard_error()
    {
        // The example's predicted-class probabilities: max(p, 1 − p).
        var estimate = ConfidenceBasedEstimate.Expected([0.9, 0.8, 0.6, 0.6, 0.7, 0.9]);

        Assert.Equal(0.75, estimate.Accuracy, 12);
        Assert.Equal(Math.Sqrt(0.09 + 0.16 + 0.24 + 0.24 + 0.21 + 0.09) / 6, estimate.StandardError, 12);
        Assert.Equal(estimate.Accuracy - 3 * estimate.StandardError, estimate.Low, 12);
    }

    [Fact]
    public void An_overconfident_model_is_calibrated_down_to_what_its_labels_say()
    {
        // Says 0.92 every time, right 60 % of the time.
        var labelled = Enumerable.Range(0, 1000).Select(i => (0.92, i % 5 < 3)).ToList();
        var bins = new long[RollupCell.ConfidenceBinCount];
        bins[ConfidenceBasedEstimate.BinOf(0.92)] = 500;

        var calibration = ConfidenceBasedEstimate.Fit(labelled);
        var estimate = ConfidenceBasedEstimate.FromBins(bins, 0.92 * 500, 500, calibration);
        var raw = ConfidenceBasedEstimate.FromBins(bins, 0.92 * 500, 500, null);

        Assert.True(calibration!.Used);
        Assert.Equal(0.32, calibration.EceUncalibrated, 9);
        Assert.Equal(0.6, estimate!.Accuracy, 12);
        Assert.Equal(Math.Sqrt(500 * 0.6 * 0.4) / 500, estimate.StandardError, 12);
        Assert.Equal(0.92, raw!.Accuracy, 12);   // uncalibrated: the exact mean confidence
    }

    [Fact]
    public void A_calibrated_model_keeps_its_confidences_and_too_few_labels_fit_nothing()
    {
        // Right exactly as often as it says in each of two bins: binning cannot lower the held-out error.
        var labelled = Enumerable.Range(0, 400).Select(i => i < 200 ? (0.625, i % 8 < 5) : (0.875, i % 8 < 7)).ToList();

        var calibration = ConfidenceBasedEstimate.Fit(labelled);

        Assert.False(calibration!.Used);
        Assert.Null(ConfidenceBasedEstimate.Fit([.. labelled.Take(ConfidenceBasedEstimate.MinRows - 1)]));
        Assert.Null(ConfidenceBasedEstimate.FromBins(new long[RollupCell.ConfidenceBinCount], 0, 0, calibration));
    }

    [Fact]
    public void A_bin_with_too_few_labels_keeps_the_models_confidence()
    {
        var labelled = Enumerable.Range(0, 200).Select(i => (0.72, i % 2 == 0)).Append((0.97, false)).ToList();

        var calibration = ConfidenceBasedEstimate.Fit(labelled)!;

        Assert.Equal(0.5, ConfidenceBasedEstimate.Calibrate(calibration.Accuracy, 0.72), 12);
        Assert.Equal(0.97, ConfidenceBasedEstimate.Calibrate(calibration.Accuracy, 0.97), 12);
    }
}
