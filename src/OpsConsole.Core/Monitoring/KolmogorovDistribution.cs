namespace OpsConsole.Monitoring;

/// <summary>
/// The one-sample two-sided Kolmogorov–Smirnov statistic D_n: its survival function P(D_n ≥ d) as scipy's
/// <c>kstwo.sf(d, n)</c> gives it. scipy picks a method by n and d after Simard and L'Ecuyer (2011); the same choice is
/// kept here, so that where scipy uses the Pelz–Good approximation or its own shortcuts the two still agree:
/// Ruben–Gambino's closed forms at both ends, twice the one-sided Birnbaum–Tingey sum where D_n⁺ and D_n⁻ cannot
/// both reach d or the overlap is negligible, Durbin's matrix (as Marsaglia, Tsang and Wang compute it) for small n·d,
/// and Pelz–Good for the rest.
/// </summary>
public static class KolmogorovDistribution
{
    // ln 2 split so that an integer exponent times the high part is exact (its low 21 bits are zero).
    const double Ln2High = 0.693147180369123816490;
    const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>P(D_n ≥ d) for a sample of n.</summary>
    public static double Survival(double d, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (double.IsNaN(d)) return double.NaN;
        if (d >= 1) return 0;
        var t = n * d;
        // D_n is never below 1/(2n).
        if (t <= 0.5) return 1;
        if (t <= 1) return Clip(1 - Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1)));
        if (t >= n - 1) return Clip(2 * Math.Pow(1 - d, n));
        // From d = 1/2 on, D_n⁺ ≥ d and D_n⁻ ≥ d exclude each other, so the two-sided tail is twice the one-sided one.
        if (d >= 0.5) return Clip(2 * SmirnovSurvival(n, d));
        var ndSquared = t * d;
        if (n <= 140) return Clip(ndSquared <= 4 ? 1 - DurbinCdf(n, d) : 2 * SmirnovSurvival(n, d));
        if (ndSquared >= 370) return 0;
        if (ndSquared >= 2.2) return Clip(2 * SmirnovSurvival(n, d));
        return Clip(1 - (n <= 100_000 && n * Math.Pow(d, 1.5) <= 1.4 ? DurbinCdf(n, d) : PelzGoodCdf(n, d)));
    }

    /// <summary>
    /// One-sided P(D_n⁺ ≥ d) for 1 &lt; n·d &lt; n − 1: d · Σ_v C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v), all terms
    /// positive. Each term is taken in logs with the factorials written by Stirling, so the parts of size n cancel
    /// before rounding and large n keeps full precision.
    /// </summary>
    static double SmirnovSurvival(int n, double d)
    {
        // scipy's smirnov answers 0 once e^(−2nd²) underflows, and an approximation above a million.
        if (2.0 * n * d * d > 745.13321910194122) return 0;
        if (n > 1_000_000) return Math.Exp(-Math.Pow(6.0 * n * d + 1, 2) / 18.0 / n);
        var nd = n * d;
        var last = (int)Math.Floor(n * (1 - d));
        var stirlingN = StirlingError(n);
        var sum = Math.Exp(n * Log1P(-d)) / d;
        for (var v = 1; v <= last; v++)
        {
            var rest = n - v;
            // 1 − d − v/n has reached 0; what rounding leaves of it contributes nothing.
            if (nd >= rest) break;
            var log = v * Log1P(nd / v) + rest * Log1P(-nd / rest) - Math.Log(d + (double)v / n)
                + 0.5 * Math.Log(n / (2 * Math.PI * v * rest)) + stirlingN - StirlingError(v) - StirlingError(rest);
            sum += Math.Exp(log);
        }
        return d * sum;
    }

    /// <summary>
    /// P(D_n &lt; d) by Durbin's matrix: with n·d = k − h, n!/n^n times the central entry of H^n for a (2k − 1)² matrix
    /// H. Every entry is non-negative, so the powers lose nothing to cancellation; they grow like n^n/n!, so each
    /// carries a binary exponent.
    /// </summary>
    static double DurbinCdf(int n, double d)
    {
        var k = (int)Math.Ceiling(n * d);
        var h = k - n * d;
        var size = 2 * k - 1;
        var inverseFactorial = new double[size + 1];
        inverseFactorial[0] = 1;
        for (var j = 1; j <= size; j++) inverseFactorial[j] = inverseFactorial[j - 1] / j;

        var matrix = new double[size * size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c <= Math.Min(r + 1, size - 1); c++) matrix[r * size + c] = inverseFactorial[r - c + 1];
        }
        for (var r = 0; r < size; r++)
        {
            var edge = (1 - Math.Pow(h, r + 1)) * inverseFactorial[r + 1];
            matrix[r * size] = edge;
            matrix[(size - 1) * size + size - 1 - r] = edge;
        }
        matrix[(size - 1) * size] = (1 - 2 * Math.Pow(h, size) + Math.Pow(Math.Max(0, 2 * h - 1), size)) * inverseFactorial[size];

        double[]? power = null;
        int powerExponent = 0, squareExponent = 0;
        var square = matrix;
        for (var e = n; ;)
        {
            if ((e & 1) != 0)
            {
                if (power is null)
                {
                    power = square;
                    powerExponent = squareExponent;
                }
                else
                {
                    power = Multiply(power, square, size);
                    powerExponent += squareExponent + Rescale(power);
                }
            }
            e >>= 1;
            if (e == 0) break;
            square = Multiply(square, square, size);
            squareExponent = 2 * squareExponent + Rescale(square);
        }
        var centre = power![(k - 1) * size + k - 1];
        // The exponent term and n cancel to a small number; taking their difference first keeps it exact.
        var log = (powerExponent * Ln2High - n) + powerExponent * Ln2Low + StirlingError(n) + 0.5 * Math.Log(2 * Math.PI * n)
            + Math.Log(centre);
        return Math.Exp(log);
    }

    static double[] Multiply(double[] a, double[] b, int size)
    {
        var product = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            for (var t = 0; t < size; t++)
            {
                var left = a[i * size + t];
                if (left == 0) continue;
                for (var j = 0; j < size; j++) product[i * size + j] += left * b[t * size + j];
            }
        }
        return product;
    }

    /// <summary>Scales a matrix by a power of two (exactly) once its largest entry passes 2²⁵⁶; returns the exponent taken out.</summary>
    static int Rescale(double[] matrix)
    {
        var largest = matrix.Max();
        var exponent = Math.ILogB(largest);
        if (exponent <= 256) return 0;
        for (var i = 0; i < matrix.Length; i++) matrix[i] = Math.ScaleB(matrix[i], -exponent);
        return exponent;
    }

    /// <summary>
    /// Pelz and Good's series for P(D_n ≤ d) in z = √n·d: Li-Chien and Korolyuk's K₀ + K₁/√n + K₂/n + K₃/n^(3/2), each
    /// K turned by the Jacobi theta identity into sums over e^(−(2k−1)²π²/(8z²)) and e^(−k²π²/(2z²)) that converge fast
    /// for the small z it is used at.
    /// </summary>
    static double PelzGoodCdf(int n, double d)
    {
        var z = Math.Sqrt(n) * d;
        var z2 = z * z;
        var pi2 = Math.PI * Math.PI;
        if (-pi2 / 8 / z2 < -708) return 0;
        var terms = (int)Math.Ceiling(16 * z / Math.PI);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t2 = 0, t3 = 0;
        // Smallest terms first, so the sums round as little as they can.
        for (var k = terms; k >= 1; k--)
        {
            var odd = (2.0 * k - 1) * (2.0 * k - 1);
            var a = pi2 * odd / 4;
            var q = Math.Exp(-pi2 * odd / (8 * z2));
            s0 += q;
            s1 += (a - z2) * q;
            s2 += (6 * z2 * z2 * z2 + 2 * z2 * z2 + (2 * z2 * z2 - 5 * z2) * a + (1 - 2 * z2) * a * a) * q;
            s3 += (-30 * z2 * z2 * z2 - 90 * z2 * z2 * z2 * z2 + (135 * z2 * z2 - 96 * z2 * z2 * z2) * a
                + (212 * z2 * z2 - 60 * z2) * a * a + (5 - 30 * z2) * a * a * a) * q;
            var b = pi2 * k * k;
            var r = Math.Exp(-b / (2 * z2));
            t2 += b * r;
            t3 += (3 * z2 - b) * b * r;
        }
        var root = Math.Sqrt(2 * Math.PI);
        var k0 = root / z * s0;
        var k1 = root / (6 * z2 * z2) * s1;
        var k2 = root / (72 * z2 * z2 * z2 * z) * s2 - root / (36 * z2 * z) * t2;
        var k3 = root / (6480 * z2 * z2 * z2 * z2 * z2) * s3 + root / (216 * z2 * z2 * z2) * t3;
        var rootN = Math.Sqrt(n);
        return k0 + k1 / rootN + k2 / n + k3 / (n * rootN);
    }

    /// <summary>ln(n!/n^n), from Stirling so that nothing of size n ln n is rounded.</summary>
    static double LogFactorialOverPower(int n) => StirlingError(n) - n + 0.5 * Math.Log(2 * Math.PI * n);

    /// <summary>ln k! − (k ln k − k + ½ ln 2πk) for k ≥ 1: direct below 30, the asymptotic series above (error &lt; 1e-16 there).</summary>
    static double StirlingError(double k)
    {
        if (k < 30) return SpecialFunctions.LogGamma(k + 1) - (k * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI * k));
        var r = 1 / k;
        var r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
    }

    /// <summary>ln(1 + x) without losing x when it is small (.NET's double.LogP1 computes Log(1 + x)).</summary>
    static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    static double Clip(double p) => Math.Clamp(p, 0, 1);
}
