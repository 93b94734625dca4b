using System.Globalization;

namespace OpsConsole.Monitoring;

public class SpecialFunctionsTests
{
    // Every row of a grid that misses scipy by more than the relative tolerance, described, so one failure shows them all.
    static List<string> Misses(string grid, Func<double[], double> actual, Func<double[], string> point, double relative)
    {
        var rows = DriftReferences.Grid(grid);
        Assert.NotEmpty(rows);
        var misses = new List<string>();
        foreach (var row in rows)
        {
            var expected = row[^1];
            var value = actual(row);
            if (!(Math.Abs(value - expected) <= Math.Abs(expected) * relative))
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"{point(row)} = {value:R}, scipy {expected:R}"));
            }
        }
        return misses;
    }

    [Fact]
    public void The_upper_incomplete_gamma_matches_scipys_gammaincc_to_11_digits_from_a_half_to_500()
    {
        var misses = Misses("gammaincc", r => SpecialFunctions.GammaQ(r[0], r[1]),
            r => string.Create(CultureInfo.InvariantCulture, $"Q({r[0]}, {r[1]})"), 1e-11);

        Assert.Empty(misses);
    }

    [Fact]
    public void The_chi_square_survival_matches_scipys_chi2_sf_up_to_1000_degrees_of_freedom()
    {
        var misses = Misses("chi2_sf", r => SpecialFunctions.ChiSquareSurvival(r[0], (int)r[1]),
            r => string.Create(CultureInfo.InvariantCulture, $"P(chi2_{r[1]} >= {r[0]})"), 1e-11);

        Assert.Empty(misses);
    }

    [Fact]
    public void Erfc_matches_scipy_for_negative_and_positive_x_down_to_the_far_tail()
    {
        var misses = Misses("erfc", r => SpecialFunctions.Erfc(r[0]), r => string.Create(CultureInfo.InvariantCulture, $"erfc({r[0]})"), 1e-12);

        Assert.Empty(misses);
    }

    [Fact]
    public void The_two_sided_normal_p_matches_twice_scipys_normal_tail()
    {
        var misses = Misses("normal_two_sided_p", r => SpecialFunctions.NormalTwoSidedP(r[0]),
            r => string.Create(CultureInfo.InvariantCulture, $"p(z = {r[0]})"), 1e-12);

        Assert.Empty(misses);
    }

    [Fact]
    public void Log_gamma_matches_scipys_gammaln()
    {
        var misses = new List<string>();
        foreach (var row in DriftReferences.Grid("gammaln"))
        {
            var value = SpecialFunctions.LogGamma(row[0]);
            if (!(Math.Abs(value - row[1]) <= 1e-13 * Math.Max(1, Math.Abs(row[1]))))
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"ln Gamma({row[0]}) = {value:R}, scipy {row[1]:R}"));
            }
        }

        Assert.Empty(misses);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    public void Q_of_one_is_the_exponential_tail(double x)
    {
        Assert.Equal(Math.Exp(-x), SpecialFunctions.GammaQ(1, x), Math.Exp(-x) * 1e-13);
    }

    [Fact]
    public void The_worked_chi_square_with_two_degrees_of_freedom_has_p_exp_of_minus_half_the_statistic()
    {
        // Categorical a/b/c example: chi-square 59/7 with 2 degrees of freedom, p = exp(-59/14) = 0.01478.
        Assert.Equal(0.014782877194839422, SpecialFunctions.ChiSquareSurvival(8.428571428571429, 2), 1e-15);
    }

    [Fact]
    public void The_usual_critical_values_give_a_p_of_0_05()
    {
        Assert.Equal(0.05, SpecialFunctions.ChiSquareSurvival(3.841458820694124, 1), 1e-14);
        Assert.Equal(0.05, SpecialFunctions.NormalTwoSidedP(1.959963984540054), 1e-14);
        Assert.Equal(0.05, SpecialFunctions.NormalTwoSidedP(-1.959963984540054), 1e-14);
    }

    [Fact]
    public void The_tail_is_one_at_zero_and_zero_at_infinity()
    {
        Assert.Equal(1, SpecialFunctions.GammaQ(2.5, 0));
        Assert.Equal(0, SpecialFunctions.GammaQ(2.5, double.PositiveInfinity));
        Assert.Equal(1, SpecialFunctions.ChiSquareSurvival(0, 4));
        Assert.Equal(1, SpecialFunctions.Erfc(0));
        Assert.Equal(1, SpecialFunctions.NormalTwoSidedP(0));
    }

    [Fact]
    public void A_chi_square_statistic_a_rounding_error_below_zero_counts_as_zero()
    {
        Assert.Equal(1, SpecialFunctions.ChiSquareSurvival(-1e-12, 3));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.7)]
    [InlineData(4.0)]
    public void Erfc_of_minus_x_is_two_minus_erfc_of_x(double x)
    {
        Assert.Equal(2 - SpecialFunctions.Erfc(x), SpecialFunctions.Erfc(-x), 1e-15);
        Assert.InRange(SpecialFunctions.Erfc(-x), 1, 2);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    public void The_incomplete_gamma_refuses_a_negative_or_undefined_x(double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>(nameof(x), () => SpecialFunctions.GammaQ(1, x));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void The_incomplete_gamma_refuses_a_shape_that_is_not_positive(double a)
    {
        Assert.ThrowsAny<ArgumentException>(() => SpecialFunctions.GammaQ(a, 1));
    }
}
