using System.Globalization;

namespace OpsConsole.Scoring;

/// <summary>
/// Single-call latencies, for the targets stated as percentiles. BenchmarkDotNet's own percentiles are over iteration
/// means, each the average of many calls, so they hide exactly the tail a p99 is about. This keeps the latest calls
/// themselves (warm-up iterations included when a run has fewer calls than it holds) and prints their percentiles when
/// the benchmark process ends, so they appear in the run's console output and log beside the summary.
/// </summary>
public sealed class LatencyRecorder
{
    readonly long[] _ticks = new long[20_000];
    long _count;

    public void Add(TimeSpan elapsed) => _ticks[_count++ % _ticks.Length] = elapsed.Ticks;

    public void Clear() => _count = 0;

    public void Report(string what)
    {
        if (_count == 0) return;
        var sorted = _ticks[..(int)Math.Min(_count, _ticks.Length)];
        Array.Sort(sorted);
        Console.WriteLine($"Latency of {what}: {sorted.Length} calls, p50 {Milliseconds(sorted, 0.50)} ms, p95 {Milliseconds(sorted, 0.95)} ms, p99 {Milliseconds(sorted, 0.99)} ms");
    }

    // Nearest rank: the smallest sample with at least this share of the samples at or below it.
    static string Milliseconds(long[] sorted, double share) =>
        TimeSpan.FromTicks(sorted[(int)Math.Ceiling(share * sorted.Length) - 1]).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
}
