using System.Buffers;
using System.Runtime.InteropServices;

namespace OpsConsole.Monitoring;

/// <summary>
/// Sorts finite numbers ascending, as <see cref="Array.Sort(Array)"/> does, with a least-significant-digit radix sort
/// for long inputs. A drift report sorts every numeric side, twenty columns of a million numbers in the benchmark, and
/// the comparison sort was most of the report's time (docs/benchmarks.md, drift report). The order is the same, so
/// every statistic computed from it is the same to the last bit; the one difference is that −0 comes before +0, where
/// the comparison sort leaves them in any order because they compare equal.
/// </summary>
public static class NumberSort
{
    // Below this a comparison sort is as fast, and the radix sort's counters and buffer are not worth their setup.
    const int RadixFrom = 4096;
    const int DigitBits = 11;
    const int Buckets = 1 << DigitBits;
    const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>Sorts <paramref name="values"/> in place; they must hold no NaN.</summary>
    public static void Ascending(double[] values)
    {
        if (values.Length < RadixFrom)
        {
            Array.Sort(values);
            return;
        }
        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan());
        for (var i = 0; i < keys.Length; i++) keys[i] = ToKey(keys[i]);
        var buffer = ArrayPool<ulong>.Shared.Rent(keys.Length);
        var counts = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            var sorted = Radix(keys, buffer.AsSpan(0, keys.Length), counts.AsSpan(0, Passes * Buckets));
            if (sorted != keys) sorted.CopyTo(keys);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<ulong>.Shared.Return(buffer);
        }
        for (var i = 0; i < keys.Length; i++) keys[i] = FromKey(keys[i]);
    }

    // Unsigned keys in the numbers' order: a positive number's sign bit is set, a negative number's bits are all
    // flipped, so larger magnitudes of negatives come first.
    static ulong ToKey(ulong bits) => (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;

    static ulong FromKey(ulong key) => (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;

    // Every digit's counts in one read, then one stable scatter per digit; a digit that all keys share is skipped,
    // which for numbers of one sign and a narrow range is most of the high ones. Returns the span holding the result.
    static Span<ulong> Radix(Span<ulong> keys, Span<ulong> buffer, Span<int> counts)
    {
        counts.Clear();
        foreach (var key in keys)
        {
            for (var pass = 0; pass < Passes; pass++) counts[pass * Buckets + (int)((key >> (pass * DigitBits)) & (Buckets - 1))]++;
        }
        var from = keys;
        var to = buffer;
        for (var pass = 0; pass < Passes; pass++)
        {
            var digit = counts.Slice(pass * Buckets, Buckets);
            var shift = pass * DigitBits;
            if (digit[(int)((from[0] >> shift) & (Buckets - 1))] == from.Length) continue;
            var offset = 0;
            for (var b = 0; b < Buckets; b++) (digit[b], offset) = (offset, offset + digit[b]);
            foreach (var key in from) to[digit[(int)((key >> shift) & (Buckets - 1))]++] = key;
            var read = from;
            from = to;
            to = read;
        }
        return from;
    }
}
