using System.Numerics;

namespace OpsConsole.Scoring;

/// <summary>
/// What the prediction log keeps of a tensor input instead of the tensor: for one row, the mean, population standard
/// deviation, minimum and maximum of its finite values and the share of values that are NaN or infinite (e.g. an
/// image's average pixel intensity). Moments are null when no value is finite.
/// </summary>
public sealed record TensorSummary(int Count, double? Mean, double? Std, double? Min, double? Max, double NanShare)
{
    /// <summary>Summarises one row of values.</summary>
    public static TensorSummary Of(ReadOnlySpan<double> values) => Of<double>(values);

    /// <summary>
    /// Summarises one row of any numeric element type, each value read as the double it converts to, so a float tensor
    /// gets exactly the figures its values copied into doubles would get, without the copy.
    /// </summary>
    public static TensorSummary Of<T>(ReadOnlySpan<T> values) where T : INumberBase<T>
    {
        int finite = 0;
        double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in values)
        {
            var x = double.CreateTruncating(value);
            if (!double.IsFinite(x)) continue;
            finite++;
            // Welford's update: stable for long rows of large values, where sum of squares loses precision.
            var delta = x - mean;
            mean += delta / finite;
            m2 += delta * (x - mean);
            if (x < min) min = x;
            if (x > max) max = x;
        }
        var nanShare = values.Length == 0 ? 0 : (double)(values.Length - finite) / values.Length;
        return finite == 0
            ? new TensorSummary(values.Length, null, null, null, null, nanShare)
            : new TensorSummary(values.Length, mean, Math.Sqrt(m2 / finite), min, max, nanShare);
    }

    /// <summary>
    /// Splits a row-major tensor into <paramref name="rows"/> equal rows and summarises each; when the values do not
    /// divide evenly, the whole tensor is one row.
    /// </summary>
    public static IReadOnlyList<TensorSummary> PerRow(ReadOnlySpan<double> values, int rows) => PerRow<double>(values, rows);

    /// <inheritdoc cref="PerRow(ReadOnlySpan{double}, int)"/>
    public static IReadOnlyList<TensorSummary> PerRow<T>(ReadOnlySpan<T> values, int rows) where T : INumberBase<T>
    {
        if (rows <= 1 || values.Length % rows != 0) return [Of(values)];
        var width = values.Length / rows;
        var summaries = new TensorSummary[rows];
        for (var r = 0; r < rows; r++) summaries[r] = Of(values.Slice(r * width, width));
        return summaries;
    }
}
