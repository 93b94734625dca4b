using System.Globalization;

namespace OpsConsole.Monitoring;

public class DriftStatisticsTests
{
    // STATISTICS.md's worked values are printed to 6 decimals; the JSON references are scipy's full doubles.
    const double Worked = 1e-6;

    static readonly double[] AbcReference = [50, 30, 20];
    static readonly double[] AbcCurrent = [30, 40, 30];
    static readonly double[] NewCategoryReference = [50, 30, 20, 0];
    static readonly double[] NewCategoryCurrent = [30, 30, 30, 10];
    static readonly double[] FilledNewCategoryReference = [0.5, 0.3, 0.2, 0.0001];
    static readonly double[] BinaryReference = [60, 40];
    static readonly double[] BinaryCurrent = [45, 55];
    static readonly double[] FillEdgeReference = [99_999, 1, 0];
    static readonly double[] FillEdgeCurrent = [99_999, 0, 1];
    static readonly double[] OneCategoryReference = [12];
    static readonly double[] OneCategoryCurrent = [9];
    static readonly double[] HalvesWithAZero = [0.5, 0, 0.5];
    static readonly double[] HalvesWithAZeroFilled = [0.5, 0.0001, 0.5];
    static readonly double[] SmallestIsTheBoundary = [0.9999, 0.0001, 0];
    static readonly double[] NoZeros = [0.25, 0.75];
    static readonly double[] ZeroAndOne = [0, 1];
    static readonly double[] OneAndTwo = [1, 2];
    static readonly double[] ThreeFives = [5, 5, 5];
    static readonly double[] TwoSevens = [7, 7];

    public static TheoryData<string> Cases => DriftReferences.WithStatistic;
    public static TheoryData<string> NumericCases => DriftReferences.NumericWithStatistic;
    public static TheoryData<string> ZCases => DriftReferences.WithZTest;

    static BinnedCounts Counts(double[] reference, double[] current) =>
        new([.. reference.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))], reference, current);

    // The rows i / divisor + offset, i = 0 .. count - 1, sorted as ColumnValues keeps them.
    static double[] Rows(int count, double divisor, double offset = 0) => [.. Enumerable.Range(0, count).Select(i => i / divisor + offset)];

    // Relative tolerance for figures that span many orders of magnitude (p-values down to 1e-137), with an absolute
    // floor for statistics that are exactly 0.
    static void Near(double expected, double actual, double relative, double absolute = 0) =>
        Assert.Equal(expected, actual, Math.Abs(expected) * relative + absolute);

    [Fact]
    public void The_worked_categorical_example_gives_the_documented_psi_kl_js_and_homogeneity_chi_square()
    {
        var counts = Counts(AbcReference, AbcCurrent);

        var (chi, p) = DriftStatistics.ChiSquare(counts);

        Assert.Equal(0.171480, DriftStatistics.Psi(counts), Worked);
        Assert.Equal(0.088015, DriftStatistics.Kl(counts), Worked);
        Assert.Equal(0.145778, DriftStatistics.Js(counts), Worked);
        Assert.Equal(8.43, chi, 0.005);
        Assert.Equal(0.01478, p, 5e-6);
    }

    [Fact]
    public void A_category_only_in_current_fills_the_reference_share_with_0_0001_and_gives_the_documented_figures()
    {
        var counts = Counts(NewCategoryReference, NewCategoryCurrent);

        var filled = DriftStatistics.Filled(DriftStatistics.Shares(NewCategoryReference));
        var (_, p) = DriftStatistics.ChiSquare(counts);

        Assert.Equal(FilledNewCategoryReference.Length, filled.Length);
        for (var i = 0; i < filled.Length; i++) Assert.Equal(FilledNewCategoryReference[i], filled[i], 1e-15);
        Assert.Equal(0.832796, DriftStatistics.Psi(counts), Worked);
        Assert.Equal(0.173512, DriftStatistics.Kl(counts), Worked);
        Assert.Equal(0.228746, DriftStatistics.Js(counts), Worked);
        // Homogeneity keeps p finite where a goodness-of-fit test against reference shares would give 0.
        Assert.Equal(0.000707, p, Worked);
    }

    [Fact]
    public void The_binary_example_gives_the_same_p_from_the_z_test_and_the_homogeneity_chi_square()
    {
        var counts = Counts(BinaryReference, BinaryCurrent);

        var (z, zp) = DriftStatistics.Z(counts);
        var (chi, chip) = DriftStatistics.ChiSquare(counts);

        Assert.Equal(0.033672, zp, Worked);
        Assert.Equal(4.51, chi, 0.005);
        Assert.Equal(0.033672, chip, Worked);
        // On a 2 x 2 table without continuity correction the two tests are one: chi-square = z squared.
        Assert.Equal(chi, z * z, 1e-12);
        Assert.Equal(zp, chip, 1e-12);
    }

    [Fact]
    public void The_worked_numeric_example_gives_w1_3_4_over_a_population_std_of_5_773502()
    {
        var reference = Rows(2000, 100);
        var current = Rows(1000, 100, 2);

        Assert.Equal(3.4, DriftStatistics.Wasserstein1(reference, current), Worked);
        Assert.Equal(5.773502, DriftStatistics.PopulationStd(reference), Worked);
        Assert.Equal(0.588897, DriftStatistics.WassersteinNormed(reference, current), Worked);
    }

    [Fact]
    public void The_worked_ks_example_has_d_0_05()
    {
        var reference = Rows(200, 10);

        Assert.Equal(0.05, DriftStatistics.KsStatistic(reference, Rows(200, 10, 1)), 1e-12);
    }

    [Fact]
    public void The_fill_edge_example_fills_zeros_with_a_millionth_of_the_smallest_share()
    {
        var counts = Counts(FillEdgeReference, FillEdgeCurrent);
        var reference = DriftReferences.Case("worked_fill_edge");

        var filledReference = DriftStatistics.Filled(DriftStatistics.Shares(FillEdgeReference));
        var filledCurrent = DriftStatistics.Filled(DriftStatistics.Shares(FillEdgeCurrent));

        Near(1e-11, filledReference[2], 1e-12);
        Near(1e-11, filledCurrent[1], 1e-12);
        Assert.Equal(0.00001, filledReference[1], 1e-18);
        Assert.Equal(0.0001, DriftStatistics.Kl(counts), 0.00005);
        Assert.Equal(0.0003, DriftStatistics.Psi(counts), 0.00005);
        Assert.Equal(DriftReferences.Number(reference, "kl"), DriftStatistics.Kl(counts), 1e-15);
        Assert.Equal(DriftReferences.Number(reference, "psi"), DriftStatistics.Psi(counts), 1e-15);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psi_kl_and_js_match_scipy_on_the_same_bins(string name)
    {
        var reference = DriftReferences.Case(name);
        var counts = DriftReferences.Counts(reference.GetProperty("bins"));

        Assert.Equal(DriftReferences.Number(reference, "psi"), DriftStatistics.Psi(counts), 1e-12);
        Assert.Equal(DriftReferences.Number(reference, "kl"), DriftStatistics.Kl(counts), 1e-12);
        Assert.Equal(DriftReferences.Number(reference, "js"), DriftStatistics.Js(counts), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chi_square_matches_scipys_chi2_contingency_without_correction(string name)
    {
        var reference = DriftReferences.Case(name);
        var counts = DriftReferences.Counts(reference.GetProperty("bins"));

        var (statistic, p) = DriftStatistics.ChiSquare(counts);

        Near(DriftReferences.Number(reference, "chisquare", "statistic"), statistic, 1e-12, 1e-15);
        Near(DriftReferences.Number(reference, "chisquare", "p"), p, 1e-11);
    }

    [Theory]
    [MemberData(nameof(ZCases))]
    public void The_z_test_matches_the_pooled_two_proportion_test_computed_with_scipy(string name)
    {
        var reference = DriftReferences.Case(name);
        var counts = DriftReferences.Counts(reference.GetProperty("bins"));

        var (z, p) = DriftStatistics.Z(counts);

        Near(DriftReferences.Number(reference, "z", "statistic"), z, 1e-12, 1e-15);
        Near(DriftReferences.Number(reference, "z", "p"), p, 1e-11);
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Wasserstein_and_the_ks_statistic_match_scipy(string name)
    {
        var reference = DriftReferences.Case(name);
        var r = DriftReferences.Side(reference, "reference").Numbers;
        var c = DriftReferences.Side(reference, "current").Numbers;

        Near(DriftReferences.Number(reference, "wasserstein", "w1"), DriftStatistics.Wasserstein1(r, c), 1e-11, 1e-15);
        Near(DriftReferences.Number(reference, "wasserstein", "std"), DriftStatistics.PopulationStd(r), 1e-12, 1e-15);
        Near(DriftReferences.Number(reference, "wasserstein", "statistic"), DriftStatistics.WassersteinNormed(r, c), 1e-11, 1e-15);
        Assert.Equal(DriftReferences.Number(reference, "ks_d"), DriftStatistics.KsStatistic(r, c), 1e-12);
    }

    [Theory]
    [InlineData("identical_numeric")]
    [InlineData("identical_categorical")]
    [InlineData("constant_same_value")]
    public void Identical_distributions_give_distances_of_zero_and_a_p_value_of_one(string name)
    {
        var reference = DriftReferences.Case(name);
        var counts = DriftReferences.Counts(reference.GetProperty("bins"));

        var (chi, p) = DriftStatistics.ChiSquare(counts);

        Assert.Equal(0, DriftStatistics.Psi(counts), 1e-15);
        Assert.Equal(0, DriftStatistics.Kl(counts), 1e-15);
        Assert.Equal(0, DriftStatistics.Js(counts), 1e-15);
        Assert.Equal(0, chi, 1e-12);
        Assert.Equal(1, p, 1e-12);
    }

    [Theory]
    [InlineData("disjoint_numeric")]
    [InlineData("disjoint_categorical")]
    [InlineData("constant_different_values")]
    public void Disjoint_distributions_reach_the_largest_js_distance_sqrt_ln2(string name)
    {
        var counts = DriftReferences.Counts(DriftReferences.Case(name).GetProperty("bins"));

        Assert.Equal(Math.Sqrt(Math.Log(2)), DriftStatistics.Js(counts), 1e-15);
    }

    [Fact]
    public void Disjoint_numbers_have_ks_d_of_one()
    {
        Assert.Equal(1, DriftStatistics.KsStatistic(Rows(100, 10), Rows(100, 10, 20)));
    }

    [Fact]
    public void Zeros_become_0_0001_when_the_smallest_non_zero_share_is_above_0_0001()
    {
        Assert.Equal(HalvesWithAZeroFilled, DriftStatistics.Filled(HalvesWithAZero));
    }

    [Fact]
    public void Zeros_become_a_millionth_of_the_smallest_share_when_it_is_exactly_0_0001()
    {
        var filled = DriftStatistics.Filled(SmallestIsTheBoundary);

        Near(1e-10, filled[2], 1e-12);
        Assert.Equal(0.0001, filled[1]);
    }

    [Fact]
    public void Shares_without_zeros_are_left_as_they_are()
    {
        Assert.Equal(NoZeros, DriftStatistics.Filled(NoZeros));
    }

    [Fact]
    public void One_category_on_both_sides_gives_chi_square_zero_with_p_one_and_z_zero_with_p_one()
    {
        var counts = Counts(OneCategoryReference, OneCategoryCurrent);

        Assert.Equal((0.0, 1.0), DriftStatistics.ChiSquare(counts));
        Assert.Equal((0.0, 1.0), DriftStatistics.Z(counts));
    }

    [Fact]
    public void The_z_statistic_is_positive_when_the_reference_holds_more_of_the_first_value()
    {
        var (z, _) = DriftStatistics.Z(Counts(BinaryReference, BinaryCurrent));
        var (swapped, _) = DriftStatistics.Z(Counts(BinaryCurrent, BinaryReference));

        // Reference 60 % vs current 45 % of the first value.
        Assert.Equal(2.1239769762143657, z, 1e-12);
        Assert.Equal(-z, swapped, 1e-15);
    }

    [Fact]
    public void Wasserstein_divides_w1_by_the_population_std_of_the_reference()
    {
        // W1({0, 1}, {1, 2}) = 1 and the population std of {0, 1} is 0.5 (the sample std would be 0.707).
        Assert.Equal(1, DriftStatistics.Wasserstein1(ZeroAndOne, OneAndTwo));
        Assert.Equal(0.5, DriftStatistics.PopulationStd(ZeroAndOne));
        Assert.Equal(2, DriftStatistics.WassersteinNormed(ZeroAndOne, OneAndTwo));
    }

    [Fact]
    public void A_constant_reference_divides_by_the_0_001_floor_rather_than_by_zero()
    {
        Assert.Equal(0, DriftStatistics.PopulationStd(ThreeFives));
        Assert.Equal(2000, DriftStatistics.WassersteinNormed(ThreeFives, TwoSevens), 1e-9);
    }
}
