using System.Globalization;

namespace OpsConsole.Monitoring;

/// <summary>
/// A mergeable histogram of non-negative values (latencies) whose quantiles carry a bounded relative error: bucket i
/// holds values in (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and a quantile is answered with the bucket's midpoint
/// 2γ^i/(γ+1), which lies within α of every value in the bucket. Two histograms merge by adding counts, so windows and
/// servers combine without averaging percentiles. Values at or below <see cref="ZeroThreshold"/> share one bucket.
/// </summary>
public sealed class LogBucketHistogram
{
    public const double DefaultRelativeAccuracy = 0.01;
    public const double ZeroThreshold = 1e-9;

    readonly SortedDictionary<int, long> _buckets = [];
    readonly double _gamma;
    readonly double _logGamma;

    public LogBucketHistogram(double relativeAccuracy = DefaultRelativeAccuracy)
    {
        if (relativeAccuracy is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), "Relative accuracy must be in (0, 1).");
        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
    }

    public double RelativeAccuracy { get; }
    public long Count { get; private set; }
    public long ZeroCount { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.NaN;
    public double Max { get; private set; } = double.NaN;
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Bucket index and count, in index order: what a rollup stores.</summary>
    public IReadOnlyDictionary<int, long> Buckets => _buckets;

    public void Add(double value, long count = 1)
    {
        if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "The histogram takes finite non-negative values.");
        if (count <= 0) return;
        if (value <= ZeroThreshold)
        {
            ZeroCount += count;
        }
        else
        {
            var index = (int)Math.Ceiling(Math.Log(value) / _logGamma);
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        }
        Count += count;
        Sum += value * count;
        Min = double.IsNaN(Min) ? value : Math.Min(Min, value);
        Max = double.IsNaN(Max) ? value : Math.Max(Max, value);
    }

    /// <summary>Everything needed to rebuild the histogram: what a rollup row stores.</summary>
    public HistogramState ToState() => new(RelativeAccuracy, new Dictionary<int, long>(_buckets), ZeroCount, Count, Sum, Count == 0 ? null : Min, Count == 0 ? null : Max);

    public static LogBucketHistogram FromState(HistogramState state)
    {
        var histogram = new LogBucketHistogram(state.RelativeAccuracy);
        foreach (var (index, count) in state.Buckets) histogram._buckets[index] = count;
        histogram.ZeroCount = state.ZeroCount;
        histogram.Count = state.Count;
        histogram.Sum = state.Sum;
        histogram.Min = state.Min ?? double.NaN;
        histogram.Max = state.Max ?? double.NaN;
        return histogram;
    }

    /// <summary>Empties the histogram so it can be reused.</summary>
    public void Clear()
    {
        _buckets.Clear();
        Count = ZeroCount = 0;
        Sum = 0;
        Min = Max = double.NaN;
    }

    /// <summary>Adds another histogram's counts; both must have the same relative accuracy.</summary>
    public void Merge(LogBucketHistogram other)
    {
        if (other.RelativeAccuracy != RelativeAccuracy) throw new ArgumentException("Only histograms with the same relative accuracy merge.", nameof(other));
        foreach (var (index, count) in other._buckets) _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        ZeroCount += other.ZeroCount;
        Count += other.Count;
        Sum += other.Sum;
        if (other.Count > 0)
        {
            Min = double.IsNaN(Min) ? other.Min : Math.Min(Min, other.Min);
            Max = double.IsNaN(Max) ? other.Max : Math.Max(Max, other.Max);
        }
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1): the value of rank ⌊q·(n−1)⌋ in sorted order, answered within the relative accuracy
    /// and clamped to the exact minimum and maximum. NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        if (Count == 0) return double.NaN;
        var rank = (long)Math.Floor(q * (Count - 1));
        if (rank < ZeroCount) return Min;
        var seen = ZeroCount;
        foreach (var (index, count) in _buckets)
        {
            seen += count;
            if (seen > rank) return Math.Clamp(2 * Math.Pow(_gamma, index) / (_gamma + 1), Min, Max);
        }
        return Max;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n={Count} p50={Quantile(0.5):0.###} p99={Quantile(0.99):0.###}");
}

/// <summary>A histogram's buckets and totals as data, for storage (JSON) and rebuilding with <see cref="LogBucketHistogram.FromState"/>.</summary>
public sealed record HistogramState(double RelativeAccuracy, Dictionary<int, long> Buckets, long ZeroCount, long Count, double Sum, double? Min, double? Max);
