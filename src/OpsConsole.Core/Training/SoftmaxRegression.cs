namespace OpsConsole.Training;

/// <summary>Training settings; the defaults suit small tabular data.</summary>
public sealed record SoftmaxTraining(int Epochs = 300, double LearningRate = 0.5, double L2 = 1e-4);

/// <summary>A linear classifier: logits = x·W + b, probabilities = softmax(logits). W is [inputs, classes], row-major.</summary>
public sealed record SoftmaxModel(int Inputs, int Classes, double[] Weights, double[] Bias)
{
    public void Probabilities(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (var k = 0; k < Classes; k++)
        {
            var z = Bias[k];
            for (var j = 0; j < Inputs; j++) z += x[j] * Weights[j * Classes + k];
            destination[k] = z;
        }
        Softmax(destination);
    }

    public static void Softmax(Span<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++) sum += logits[k] = Math.Exp(logits[k] - max);
        for (var k = 0; k < logits.Length; k++) logits[k] /= sum;
    }
}

/// <summary>Multinomial logistic regression by full-batch gradient descent: deterministic, no random initialisation.</summary>
public static class SoftmaxRegression
{
    // x: encoded rows, [rows, inputs] row-major; y: the class index of each row.
    public static SoftmaxModel Fit(double[] x, int[] y, int inputs, int classes, SoftmaxTraining settings)
    {
        var rows = y.Length;
        var weights = new double[inputs * classes];
        var bias = new double[classes];
        var gradW = new double[weights.Length];
        var gradB = new double[classes];
        var p = new double[classes];
        var model = new SoftmaxModel(inputs, classes, weights, bias);
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            Array.Clear(gradW);
            Array.Clear(gradB);
            for (var i = 0; i < rows; i++)
            {
                var row = x.AsSpan(i * inputs, inputs);
                model.Probabilities(row, p);
                p[y[i]] -= 1;   // gradient of cross-entropy with respect to the logits
                for (var k = 0; k < classes; k++)
                {
                    gradB[k] += p[k];
                    for (var j = 0; j < inputs; j++) gradW[j * classes + k] += row[j] * p[k];
                }
            }
            for (var w = 0; w < weights.Length; w++) weights[w] -= settings.LearningRate * (gradW[w] / rows + settings.L2 * weights[w]);
            for (var k = 0; k < classes; k++) bias[k] -= settings.LearningRate * gradB[k] / rows;
        }
        return model;
    }
}
