using System.Text.Json;

namespace OpsConsole.Monitoring;

/// <summary>
/// The KS p-values against scipy: tests/fixtures/make_ks_references.py writes
/// tests/fixtures/references/ks_references.json (ks_2samp p-values and kstwo.sf on a grid that reaches every method
/// scipy switches between), which the build copies next to the test assembly.
/// </summary>
public class KolmogorovSmirnovDistributionTests
{
    // A Python model of this code agrees with scipy to about 1e-11 relative at worst (where scipy's Pomeranz recursion
    // and the Durbin matrix used here round differently); the rest is margin.
    const double RelativeTolerance = 1e-9;

    // Below this both sides are subnormal or zero, and their ratio means nothing.
    const double Negligible = 1e-300;

    static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "references", "ks_references.json"))));

    static readonly double[] OffLattice = [-1e-12, -1e-9, 1e-9, 1e-12];

    public static TheoryData<string, int, int, double, double> TwoSampleCases
    {
        get
        {
            var data = new TheoryData<string, int, int, double, double>();
            foreach (var c in Document.Value.RootElement.GetProperty("two_sample").EnumerateArray())
            {
                data.Add(c.GetProperty("name").GetString()!, c.GetProperty("m").GetInt32(), c.GetProperty("n").GetInt32(),
                    c.GetProperty("d").GetDouble(), c.GetProperty("p").GetDouble());
            }
            return data;
        }
    }

    public static TheoryData<int, double, string, double> KolmogorovCases
    {
        get
        {
            var data = new TheoryData<int, double, string, double>();
            foreach (var c in Document.Value.RootElement.GetProperty("kstwo").EnumerateArray())
            {
                data.Add(c.GetProperty("n").GetInt32(), c.GetProperty("d").GetDouble(), c.GetProperty("regime").GetString()!,
                    c.GetProperty("p").GetDouble());
            }
            return data;
        }
    }

    static void Close(double expected, double actual) =>
        Assert.Equal(expected, actual, RelativeTolerance * Math.Max(expected, Negligible));

    [Theory]
    [MemberData(nameof(TwoSampleCases))]
    public void Two_sample_p_values_match_scipys_ks_2samp(string name, int m, int n, double d, double p)
    {
        Assert.NotEmpty(name);
        Close(p, KolmogorovSmirnovDistribution.TwoSidedPValue(d, m, n));
    }

    [Theory]
    [MemberData(nameof(KolmogorovCases))]
    public void One_sample_survival_matches_scipys_kstwo_sf_in_every_regime(int n, double d, string regime, double p)
    {
        Assert.NotEmpty(regime);
        Close(p, KolmogorovDistribution.Survival(d, n));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(100, 100)]
    [InlineData(10_000, 9_000)]
    [InlineData(20_000, 3_000)]
    [InlineData(100_000, 5)]
    public void A_gap_of_zero_has_p_value_one(int m, int n)
    {
        Assert.Equal(1, KolmogorovSmirnovDistribution.TwoSidedPValue(0, m, n));
    }

    [Fact]
    public void A_gap_under_half_a_lattice_step_snaps_to_zero_and_has_p_value_one()
    {
        // lcm(10, 12) = 60: D takes the values h/60.
        Assert.Equal(0, KolmogorovSmirnovDistribution.SnapToLattice(0.4 / 60, 10, 12));
        Assert.Equal(1, KolmogorovSmirnovDistribution.TwoSidedPValue(0.4 / 60, 10, 12));
    }

    [Fact]
    public void The_statistic_snaps_to_the_nearest_multiple_of_one_over_the_lcm_before_the_exact_tail()
    {
        Assert.Equal(29.0 / 60, KolmogorovSmirnovDistribution.SnapToLattice(0.49, 10, 12));
        Assert.Equal(
            KolmogorovSmirnovDistribution.TwoSidedPValue(29.0 / 60, 10, 12), KolmogorovSmirnovDistribution.TwoSidedPValue(0.49, 10, 12));
        var onLattice = KolmogorovSmirnovDistribution.TwoSidedPValue(0.5, 10, 12);
        foreach (var offset in OffLattice)
        {
            Assert.Equal(0.5, KolmogorovSmirnovDistribution.SnapToLattice(0.5 + offset, 10, 12));
            Assert.Equal(onLattice, KolmogorovSmirnovDistribution.TwoSidedPValue(0.5 + offset, 10, 12));
        }
    }

    [Theory]
    [InlineData(3, 4, 35.0)]
    [InlineData(10, 12, 646_646.0)]
    [InlineData(50, 50, 1.008913445455642e29)]
    public void Disjoint_samples_have_p_value_two_over_the_number_of_orderings(int m, int n, double orderings)
    {
        // Only the two orderings with one sample wholly below the other reach D = 1.
        Close(2 / orderings, KolmogorovSmirnovDistribution.TwoSidedPValue(1, m, n));
    }

    [Theory]
    [InlineData(37, 91, 0.2)]
    [InlineData(10_000, 7_919, 0.02)]
    [InlineData(50_000, 3_000, 0.03)]
    public void The_p_value_does_not_depend_on_which_sample_is_which(int m, int n, double d)
    {
        Assert.Equal(KolmogorovSmirnovDistribution.TwoSidedPValue(d, m, n), KolmogorovSmirnovDistribution.TwoSidedPValue(d, n, m));
    }

    [Fact]
    public void Above_ten_thousand_rows_the_one_sample_distribution_takes_over_with_the_rounded_effective_size()
    {
        // 10 001 · 10 000 / 20 001 = 5000.25, rounded to 5000.
        Assert.Equal(KolmogorovDistribution.Survival(0.02, 5_000), KolmogorovSmirnovDistribution.TwoSidedPValue(0.02, 10_001, 10_000));
        Assert.NotEqual(KolmogorovSmirnovDistribution.TwoSidedPValue(0.02, 10_000, 10_000), KolmogorovDistribution.Survival(0.02, 5_000));
    }

    [Fact]
    public void Sample_sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>("m", () => KolmogorovSmirnovDistribution.TwoSidedPValue(0.1, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => KolmogorovSmirnovDistribution.TwoSidedPValue(0.1, 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => KolmogorovDistribution.Survival(0.1, 0));
    }
}
