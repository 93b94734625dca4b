using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace OpsConsole.Monitoring;

/// <summary>The stored figures of one rollup cell, without its key: what a chart merges.</summary>
public sealed record StoredRollup(DateTimeOffset MinuteStart, long Count, string LatencyJson, double ConfidenceSum, long ConfidenceCount,
    string LabelsJson, string ServedByJson, string ConfidenceBinsJson, double InferenceMs);

/// <summary>
/// Adds up stored rollup cells straight from their JSON columns. The result equals merging
/// <see cref="RollupMaintenance.Read"/> of each row into one <see cref="RollupCell"/> in the same order, to the last
/// bit, but a row builds no cell, no dictionaries and no sorted histogram of its own: over a week that was most of a
/// monitoring chart's time (docs/benchmarks.md, dashboard queries).
/// </summary>
public sealed class RollupCellSum
{
    readonly Dictionary<int, long> _buckets = [];
    readonly Dictionary<string, long> _labels = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> _servedBy = new(StringComparer.Ordinal);
    readonly long[] _confidenceBins = new long[RollupCell.ConfidenceBinCount];
    long _count, _confidenceCount, _zeroCount, _latencyCount;
    double _confidenceSum, _inferenceMs, _latencySum, _latencyMin = double.NaN, _latencyMax = double.NaN;

    public long Count => _count;
    public double InferenceMs => _inferenceMs;

    public void Add(StoredRollup row) => AddTo(row, this, null);

    /// <summary>
    /// Adds a row to two sums at once (a segment's and the whole's), reading its JSON once; each sum ends exactly as
    /// if it had been given the row on its own.
    /// </summary>
    public static void AddTo(StoredRollup row, RollupCellSum first, RollupCellSum? second)
    {
        first.AddFigures(row);
        second?.AddFigures(row);
        AddLatency(row.LatencyJson, first, second);
        AddBins(row.ConfidenceBinsJson, first, second);
        AddCounts(row.LabelsJson, first._labels, second?._labels);
        AddCounts(row.ServedByJson, first._servedBy, second?._servedBy);
    }

    void AddFigures(StoredRollup row)
    {
        _count += row.Count;
        _confidenceSum += row.ConfidenceSum;
        _confidenceCount += row.ConfidenceCount;
        _inferenceMs += row.InferenceMs;
    }

    public RollupCell ToCell() => RollupCell.From(_count,
        new HistogramState(LogBucketHistogram.DefaultRelativeAccuracy, _buckets, _zeroCount, _latencyCount, _latencySum,
            _latencyCount == 0 ? null : _latencyMin, _latencyCount == 0 ? null : _latencyMax),
        _confidenceSum, _confidenceCount, _labels, _servedBy, _confidenceBins, _inferenceMs);

    static void AddLatency(string json, RollupCellSum first, RollupCellSum? second)
    {
        var (count, zeroCount, min, max) = (0L, 0L, double.NaN, double.NaN);
        double? sum = null;
        using var utf8 = new Utf8(json);
        var reader = new Utf8JsonReader(utf8.Bytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(Name(ref reader));
            reader.Read();
            switch (field)
            {
                // Histograms of another accuracy have other buckets; LogBucketHistogram.Merge refuses them too.
                case LatencyField.RelativeAccuracy when reader.GetDouble() != LogBucketHistogram.DefaultRelativeAccuracy:
                    throw new ArgumentException("Only histograms with the same relative accuracy merge.", nameof(json));
                case LatencyField.RelativeAccuracy:
                    break;
                case LatencyField.Buckets:
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var index = Index(ref reader);
                        reader.Read();
                        var n = reader.GetInt64();
                        first._buckets[index] = first._buckets.GetValueOrDefault(index) + n;
                        if (second is not null) second._buckets[index] = second._buckets.GetValueOrDefault(index) + n;
                    }
                    break;
                case LatencyField.ZeroCount:
                    zeroCount += reader.GetInt64();
                    break;
                case LatencyField.Count:
                    count = reader.GetInt64();
                    break;
                case LatencyField.Sum:
                    sum = (sum ?? 0) + reader.GetDouble();
                    break;
                case LatencyField.Min:
                    min = reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();
                    break;
                case LatencyField.Max:
                    max = reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        first.AddLatencyTotals(count, zeroCount, sum, min, max);
        second?.AddLatencyTotals(count, zeroCount, sum, min, max);
    }

    void AddLatencyTotals(long count, long zeroCount, double? sum, double min, double max)
    {
        _zeroCount += zeroCount;
        if (sum is { } s) _latencySum += s;
        _latencyCount += count;
        if (count > 0)
        {
            _latencyMin = double.IsNaN(_latencyMin) ? min : Math.Min(_latencyMin, min);
            _latencyMax = double.IsNaN(_latencyMax) ? max : Math.Max(_latencyMax, max);
        }
    }

    // Bins of another length are rows from before the bins existed: RollupCell.From ignores them, so they add nothing.
    static void AddBins(string json, RollupCellSum first, RollupCellSum? second)
    {
        if (json.Length < 2) return;
        Span<long> bins = stackalloc long[RollupCell.ConfidenceBinCount];
        var length = 0;
        using var utf8 = new Utf8(json);
        var reader = new Utf8JsonReader(utf8.Bytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            if (length < bins.Length) bins[length] = reader.GetInt64();
            length++;
        }
        if (length != RollupCell.ConfidenceBinCount) return;
        for (var i = 0; i < bins.Length; i++) first._confidenceBins[i] += bins[i];
        if (second is not null) for (var i = 0; i < bins.Length; i++) second._confidenceBins[i] += bins[i];
    }

    static void AddCounts(string json, Dictionary<string, long> counts, Dictionary<string, long>? also)
    {
        using var utf8 = new Utf8(json);
        var reader = new Utf8JsonReader(utf8.Bytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var n = reader.GetInt64();
            counts[key] = counts.GetValueOrDefault(key) + n;
            if (also is not null) also[key] = also.GetValueOrDefault(key) + n;
        }
    }

    static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    enum LatencyField { Other, RelativeAccuracy, Buckets, ZeroCount, Count, Sum, Min, Max }

    // The rollups are written with the web defaults (camelCase) and read case-insensitively, as JsonSerializer reads them.
    static LatencyField Field(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "relativeAccuracy"u8) ? LatencyField.RelativeAccuracy
        : Ascii.EqualsIgnoreCase(name, "buckets"u8) ? LatencyField.Buckets
        : Ascii.EqualsIgnoreCase(name, "zeroCount"u8) ? LatencyField.ZeroCount
        : Ascii.EqualsIgnoreCase(name, "count"u8) ? LatencyField.Count
        : Ascii.EqualsIgnoreCase(name, "sum"u8) ? LatencyField.Sum
        : Ascii.EqualsIgnoreCase(name, "min"u8) ? LatencyField.Min
        : Ascii.EqualsIgnoreCase(name, "max"u8) ? LatencyField.Max
        : LatencyField.Other;

    static int Index(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out int index, out var used) && used == reader.ValueSpan.Length) return index;
        return int.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    // A JSON column as UTF-8 in a pooled buffer: the reader takes bytes, and EF gives strings.
    readonly ref struct Utf8
    {
        readonly byte[] _buffer;

        public Utf8(string json)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
            Bytes = _buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, _buffer));
        }

        public ReadOnlySpan<byte> Bytes { get; }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
