namespace OpsConsole.Monitoring;

/// <summary>Which rollup a prediction counts in: its model, version, segment ("" for none) and the UTC minute it was made in.</summary>
public sealed record RollupKey(string Model, int Version, string Segment, DateTimeOffset Minute)
{
    // From the ticks, not the calendar fields: this runs once per logged prediction, and each calendar field is a
    // division of its own.
    public static DateTimeOffset MinuteOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>The UTC hour an instant falls in: the key of a compacted (hour) cell.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>One logged prediction as rollups see it.</summary>
public sealed record RollupInput(string Model, int Version, string? Segment, DateTimeOffset At, string ServedBy, string? Label, double? Confidence, double LatencyMs,
    double? InferenceMs = null);

/// <summary>
/// The figures of one rollup cell: prediction count, a latency histogram (so percentiles over any span come from merged
/// buckets), the sum and count of confidences with their distribution in 20 bins of 0.05 (so the confident-prediction
/// rate can be read for any threshold on that grid), and counts by predicted label and by serving stage, and the model run time. Cells add up: merging
/// two cells is the cell of their rows together, which is what makes incremental maintenance equal recomputation.
/// </summary>
public sealed class RollupCell
{
    public const int ConfidenceBinCount = 20;

    public long Count { get; private set; }
    public LogBucketHistogram Latency { get; private set; } = new();
    public double ConfidenceSum { get; private set; }
    public long ConfidenceCount { get; private set; }
    public Dictionary<string, long> Labels { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ServedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>Model run time spent on these predictions, in ms.</summary>
    public double InferenceMs { get; private set; }

    /// <summary>Confidences by bin: bin i holds [i/20, (i+1)/20), the last also 1.</summary>
    public long[] ConfidenceBins { get; private set; } = new long[ConfidenceBinCount];

    /// <summary>Predictions whose confidence is at least <paramref name="threshold"/>, read at the bins' 0.05 grid (the threshold is rounded down to it).</summary>
    public long ConfidentAtLeast(double threshold) => ConfidentAtLeast(ConfidenceBins, threshold);

    /// <summary>The same count from stored bins alone; none for bins of another length (rows from before the bins existed).</summary>
    public static long ConfidentAtLeast(IReadOnlyList<long>? bins, double threshold)
    {
        if (bins is not { Count: ConfidenceBinCount }) return 0;
        var from = Math.Clamp((int)Math.Floor(threshold * ConfidenceBinCount + 1e-9), 0, ConfidenceBinCount);
        return bins.Skip(from).Sum();
    }

    public void Add(RollupInput row)
    {
        Count++;
        Latency.Add(Math.Max(0, double.IsFinite(row.LatencyMs) ? row.LatencyMs : 0));
        if (row.Confidence is { } c && double.IsFinite(c))
        {
            ConfidenceSum += c;
            ConfidenceCount++;
            ConfidenceBins[Math.Clamp((int)(c * ConfidenceBinCount), 0, ConfidenceBinCount - 1)]++;
        }
        if (row.InferenceMs is { } ms && double.IsFinite(ms) && ms > 0) InferenceMs += ms;
        if (row.Label is { } label) Labels[label] = Labels.GetValueOrDefault(label) + 1;
        ServedBy[row.ServedBy] = ServedBy.GetValueOrDefault(row.ServedBy) + 1;
    }

    public void Merge(RollupCell other)
    {
        Count += other.Count;
        Latency.Merge(other.Latency);
        ConfidenceSum += other.ConfidenceSum;
        ConfidenceCount += other.ConfidenceCount;
        InferenceMs += other.InferenceMs;
        for (var i = 0; i < ConfidenceBinCount; i++) ConfidenceBins[i] += other.ConfidenceBins[i];
        foreach (var (k, v) in other.Labels) Labels[k] = Labels.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.ServedBy) ServedBy[k] = ServedBy.GetValueOrDefault(k) + v;
    }

    public static RollupCell From(long count, HistogramState latency, double confidenceSum, long confidenceCount, IReadOnlyDictionary<string, long> labels,
        IReadOnlyDictionary<string, long> servedBy, IReadOnlyList<long>? confidenceBins = null, double inferenceMs = 0)
    {
        var cell = new RollupCell
        {
            Count = count, Latency = LogBucketHistogram.FromState(latency), ConfidenceSum = confidenceSum, ConfidenceCount = confidenceCount, InferenceMs = inferenceMs,
        };
        if (confidenceBins is { Count: ConfidenceBinCount }) cell.ConfidenceBins = [.. confidenceBins];
        foreach (var (k, v) in labels) cell.Labels[k] = v;
        foreach (var (k, v) in servedBy) cell.ServedBy[k] = v;
        return cell;
    }

    /// <summary>Groups rows into cells by <see cref="RollupKey"/>. Shadow predictions are another version's view of the same traffic and are kept out.</summary>
    public static Dictionary<RollupKey, RollupCell> Group(IEnumerable<RollupInput> rows)
    {
        var cells = new Dictionary<RollupKey, RollupCell>();
        foreach (var row in rows)
        {
            if (row.ServedBy == "shadow") continue;
            var key = new RollupKey(row.Model, row.Version, row.Segment ?? "", RollupKey.MinuteOf(row.At));
            if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new RollupCell();
            cell.Add(row);
        }
        return cells;
    }
}
