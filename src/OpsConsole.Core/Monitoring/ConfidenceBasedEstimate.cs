namespace OpsConsole.Monitoring;

/// <summary>
/// Histogram-binning calibration on the rollups' 20 confidence bins: the accuracy seen in each bin of labelled reference
/// predictions (NaN where a bin has too few rows, which is then read at its own confidence: the bin's midpoint for a
/// rollup's bins). <see cref="Used"/> says
/// whether it lowered the expected calibration error on held-out reference rows; when it did not, estimates use the
/// confidences as they are.
/// </summary>
public sealed record BinCalibration(double[] Accuracy, int Rows, double EceUncalibrated, double EceCalibrated, bool Used);

/// <summary>An expected accuracy and its standard error; the band shown is ±3 standard errors.</summary>
public sealed record EstimatedAccuracy(double Accuracy, double StandardError, long Rows)
{
    public double Low => Math.Max(0, Accuracy - 3 * StandardError);
    public double High => Math.Min(1, Accuracy + 3 * StandardError);
}

/// <summary>
/// STATISTICS.md's label-free accuracy estimate (the CBPE idea): with calibrated probabilities, each prediction is right
/// with the probability of its predicted class, so the expected accuracy is the mean of those probabilities and its
/// standard error √(Σ p(1−p)) / n (a sum of independent Bernoulli trials).
/// </summary>
public static class ConfidenceBasedEstimate
{
    /// <summary>Below this many labelled reference rows no calibration is fitted.</summary>
    public const int MinRows = 100;

    /// <summary>A bin with fewer labelled rows keeps the model's confidence.</summary>
    public const int MinBinRows = 10;

    const int Bins = RollupCell.ConfidenceBinCount;

    /// <summary>Binary form, as STATISTICS.md writes it: p of the positive class, ŷ = 1 when p ≥ threshold; accuracy (TP+TN)/n and F1 = TP/(TP + ½(FP+FN)).</summary>
    public static (double Accuracy, double? F1) Binary(IReadOnlyList<double> positive, double threshold = 0.5)
    {
        if (positive.Count == 0) throw new ArgumentException("No prediction to estimate from.", nameof(positive));
        double tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var p in positive)
        {
            if (p >= threshold) { tp += p; fp += 1 - p; }
            else { fn += p; tn += 1 - p; }
        }
        var f1Denominator = tp + 0.5 * (fp + fn);
        return ((tp + tn) / positive.Count, f1Denominator == 0 ? null : tp / f1Denominator);
    }

    /// <summary>Expected accuracy from the probabilities of the predicted classes.</summary>
    public static EstimatedAccuracy Expected(IReadOnlyList<double> predictedClassProbability)
    {
        if (predictedClassProbability.Count == 0) throw new ArgumentException("No prediction to estimate from.", nameof(predictedClassProbability));
        var n = predictedClassProbability.Count;
        return new EstimatedAccuracy(predictedClassProbability.Average(), Math.Sqrt(predictedClassProbability.Sum(p => p * (1 - p))) / n, n);
    }

    public static int BinOf(double confidence) => Math.Clamp((int)(confidence * Bins), 0, Bins - 1);

    /// <summary>
    /// Fits the calibration on half the labelled rows (even positions) and compares the expected calibration error of
    /// raw and calibrated confidences on the other half; the returned calibration is then fitted on all rows.
    /// </summary>
    public static BinCalibration? Fit(IReadOnlyList<(double Confidence, bool Correct)> labelled)
    {
        var rows = labelled.Where(l => double.IsFinite(l.Confidence)).ToList();
        if (rows.Count < MinRows) return null;
        var fitted = Table(rows.Where((_, i) => i % 2 == 0));
        var heldOut = rows.Where((_, i) => i % 2 == 1).ToList();
        var raw = Ece(heldOut, c => c);
        var calibrated = Ece(heldOut, c => Calibrate(fitted, c));
        return new BinCalibration(Table(rows), rows.Count, raw, calibrated, calibrated < raw);
    }

    /// <summary>A confidence as the calibration reads it: its bin's observed accuracy, or itself where the bin had too few rows.</summary>
    public static double Calibrate(double[] accuracy, double confidence) => double.IsNaN(accuracy[BinOf(confidence)]) ? confidence : accuracy[BinOf(confidence)];

    /// <summary>
    /// The estimate for a rollup's confidences: their exact mean when uncalibrated, else each bin's calibrated accuracy
    /// weighted by its count. The standard error reads each bin at its midpoint (or calibrated accuracy).
    /// </summary>
    public static EstimatedAccuracy? FromBins(IReadOnlyList<long> bins, double confidenceSum, long confidenceCount, BinCalibration? calibration)
    {
        if (confidenceCount <= 0 || bins.Count != Bins) return null;
        var use = calibration is { Used: true };
        double expected = 0, variance = 0;
        for (var b = 0; b < Bins; b++)
        {
            if (bins[b] == 0) continue;
            var midpoint = (b + 0.5) / Bins;
            var p = use ? Calibrate(calibration!.Accuracy, midpoint) : midpoint;
            expected += bins[b] * p;
            variance += bins[b] * p * (1 - p);
        }
        var accuracy = use ? expected / confidenceCount : confidenceSum / confidenceCount;
        return new EstimatedAccuracy(Math.Clamp(accuracy, 0, 1), Math.Sqrt(variance) / confidenceCount, confidenceCount);
    }

    static double[] Table(IEnumerable<(double Confidence, bool Correct)> rows)
    {
        var counts = new long[Bins];
        var correct = new long[Bins];
        foreach (var (c, ok) in rows)
        {
            counts[BinOf(c)]++;
            if (ok) correct[BinOf(c)]++;
        }
        return [.. Enumerable.Range(0, Bins).Select(b => counts[b] < MinBinRows ? double.NaN : (double)correct[b] / counts[b])];
    }

    // Expected calibration error over the 20 bins: Σ (n_b / n)·|mean confidence_b − accuracy_b|.
    static double Ece(List<(double Confidence, bool Correct)> rows, Func<double, double> read)
    {
        if (rows.Count == 0) return 0;
        return rows.GroupBy(r => BinOf(r.Confidence))
            .Sum(g => (double)g.Count() / rows.Count * Math.Abs(g.Average(r => read(r.Confidence)) - g.Average(r => r.Correct ? 1.0 : 0.0)));
    }
}
