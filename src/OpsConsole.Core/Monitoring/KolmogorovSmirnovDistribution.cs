namespace OpsConsole.Monitoring;

/// <summary>
/// p-values of the two-sample Kolmogorov–Smirnov test as scipy's <c>ks_2samp(method="auto")</c> computes them: exact
/// when both samples have at most <see cref="ExactLimit"/> rows, else the one-sample distribution of D with
/// n = round(m·n/(m + n)).
/// </summary>
public static class KolmogorovSmirnovDistribution
{
    public const int ExactLimit = 10_000;

    /// <summary>P(D ≥ d) for the largest gap d between the empirical CDFs of samples of m and n rows.</summary>
    public static double TwoSidedPValue(double d, int m, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (double.IsNaN(d)) return double.NaN;
        if (Math.Max(m, n) > ExactLimit)
        {
            // scipy rounds with numpy, half to even, which is Math.Round's default too.
            var effective = Math.Round((double)m * n / ((double)m + n));
            return KolmogorovDistribution.Survival(d, (int)effective);
        }
        var gcd = Gcd(m, n);
        var h = LatticeSteps(d, m / gcd * n);
        return h <= 0 ? 1 : ExactTail(m, n, h * gcd);
    }

    /// <summary>
    /// d moved to the nearest attainable value h/lcm(m, n): D is always such a fraction, so this only undoes rounding
    /// in how d was computed. scipy reports this snapped value as the statistic when it computes exactly.
    /// </summary>
    public static double SnapToLattice(double d, int m, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (double.IsNaN(d)) return double.NaN;
        var lcm = m / Gcd(m, n) * n;
        return (double)LatticeSteps(d, lcm) / lcm;
    }

    // Past 1 the tail is empty anyway; the cap only keeps the product inside a long.
    static long LatticeSteps(double d, long lcm) => (long)Math.Round(Math.Clamp(d, 0, 2) * lcm);

    /// <summary>
    /// The chance that a uniformly random monotone lattice path from (0, 0) to (m, n), which is the merged order of
    /// the two samples under H0, touches a point with |n·i − m·j| ≥ <paramref name="reach"/> (D ≥ d, tested in
    /// integers so no point near the boundary is misjudged). The path's probability mass is pushed forward through
    /// the band of points strictly inside, one column at a time, a step right taken with chance (m − i)/(steps left)
    /// and a step up with (n − j)/(steps left); mass that steps out of the band is absorbed and summed. The answer
    /// is that sum of positive terms, not 1 minus the mass that stays inside, so small p-values keep their digits.
    /// </summary>
    static double ExactTail(int m, int n, long reach)
    {
        // Columns run along the longer sample so that a column of the band, the only state kept, is short.
        int wide = Math.Max(m, n), tall = Math.Min(m, n);
        var width = (int)Math.Min(tall + 1L, 2 * reach / wide + 2);
        var flow = new double[width];
        var next = new double[width];
        // flow[j − flowBase] is the mass stepping right into (i, j); only [first, last] of it is non-zero.
        flow[0] = 1;
        int flowBase = 0, first = 0, last = 0;
        double absorbed = 0;
        for (var i = 0; i <= wide; i++)
        {
            var low = (int)Math.Max(0, CeilingDivide(tall * (long)i - reach + 1, wide));
            var high = (int)Math.Min(tall, FloorDivide(tall * (long)i + reach - 1, wide));
            // Every path crosses this column outside the band.
            if (low > high) return 1;
            // The mass still inside has underflowed; it cannot add anything the sum would notice.
            if (first > last) break;
            for (var j = first; j <= Math.Min(last, low - 1); j++) absorbed += flow[j - flowBase];
            double up = 0;
            int nextFirst = 0, nextLast = -1;
            for (var j = Math.Max(low, first); j <= high; j++)
            {
                var mass = up + (j <= last ? flow[j - flowBase] : 0);
                // Above the mass arriving from the left, a zero stays zero; skipping it is what bounds the work when the
                // band is far wider than where the mass is.
                if (mass == 0 && j > last) break;
                var stepsLeft = wide + tall - i - j;
                if (stepsLeft == 0)
                {
                    up = 0;
                    break;
                }
                var share = mass / stepsLeft;
                up = share * (tall - j);
                var right = share * (wide - i);
                next[j - low] = right;
                if (right != 0)
                {
                    if (nextLast < nextFirst) nextFirst = j;
                    nextLast = j;
                }
            }
            // What steps up from the top of the column leaves the band.
            absorbed += up;
            (flow, next) = (next, flow);
            (flowBase, first, last) = (low, nextFirst, nextLast);
        }
        return Math.Min(1, absorbed);
    }

    static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    // Integer division rounding down and up for a positive divisor (C#'s / truncates towards zero).
    static long FloorDivide(long a, long b) => a / b - (a % b != 0 && a < 0 ? 1 : 0);

    static long CeilingDivide(long a, long b) => a / b + (a % b != 0 && a > 0 ? 1 : 0);
}
