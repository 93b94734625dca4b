namespace OpsConsole.Monitoring;

/// <summary>
/// The few special functions the drift tests need, written out so Core stays free of packages: ln Γ (Lanczos, g = 7,
/// nine coefficients, about 15 significant digits), the regularized upper incomplete gamma Q(a, x) (series below
/// x = a + 1, Lentz's continued fraction above), and from it the χ² survival function and erfc.
/// </summary>
public static class SpecialFunctions
{
    static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a), for a &gt; 0 and x ≥ 0.</summary>
    public static double GammaQ(double a, double x)
    {
        if (a <= 0 || double.IsNaN(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "Q(a, x) needs a > 0.");
        if (x < 0 || double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Q(a, x) needs x >= 0.");
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        var prefix = Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
        if (x < a + 1)
        {
            // P(a, x) by its series; Q = 1 − P.
            double term = 1 / a, sum = term;
            for (var n = 1; n < 10_000; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
            }
            return Math.Max(0, 1 - sum * prefix);
        }
        // Continued fraction for Q, evaluated by the modified Lentz method.
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Min(1, prefix * h);
    }

    /// <summary>P(χ²_k ≥ x).</summary>
    public static double ChiSquareSurvival(double x, int degreesOfFreedom) => GammaQ(degreesOfFreedom / 2.0, Math.Max(0, x) / 2);

    /// <summary>erfc(x), through Q(½, x²) for x ≥ 0 and 2 − erfc(−x) below.</summary>
    public static double Erfc(double x) => x >= 0 ? GammaQ(0.5, x * x) : 2 - GammaQ(0.5, x * x);

    /// <summary>2(1 − Φ(|z|)) = erfc(|z|/√2).</summary>
    public static double NormalTwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));
}
