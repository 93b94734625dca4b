using System.Globalization;

namespace OpsConsole.Monitoring;

public class DriftBinsTests
{
    static readonly double[] OnEdgesReference = [6, 6, 6, 7];
    static readonly double[] OnEdgesCurrent = [2, 2, 1, 3];
    static readonly double[] DecileReference = [10, 10, 10, 10, 10, 10, 10, 10, 10, 11];
    static readonly double[] DecileCurrent = [3, 2, 2, 1, 1, 3, 1, 1, 1, 4];
    static readonly double[] PowerOfTwoReference = [47, 47, 47, 47, 47, 46, 47, 47, 47, 47, 43, 0];
    static readonly double[] PowerOfTwoCurrent = [0, 43, 47, 47, 47, 47, 46, 47, 47, 47, 47, 47];
    static readonly double[] FarAway = [-1e6, 1e6, 2e6];

    public static TheoryData<string> Cases => DriftReferences.WithStatistic;
    public static TheoryData<string> ReferenceBinningCases => DriftReferences.WithReferenceBinning;
    public static TheoryData<string> BinsOverrideCases => DriftReferences.WithBinsOverride;

    static BinnedCounts Bin(string name, DriftBinning binning = DriftBinning.Combined, int? bins = null)
    {
        var c = DriftReferences.Case(name);
        return DriftBins.For(DriftReferences.Side(c, "reference"), DriftReferences.Side(c, "current"), DriftReferences.Type(c), binning, bins);
    }

    static void SameCounts(string name, string bins, BinnedCounts actual)
    {
        var expected = DriftReferences.Case(name).GetProperty(bins);
        Assert.Equal(expected.GetProperty("count").GetInt32(), actual.Bins.Count);
        Assert.Equal(DriftReferences.Numbers(expected.GetProperty("reference")), actual.Reference);
        Assert.Equal(DriftReferences.Numbers(expected.GetProperty("current")), actual.Current);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_column_is_binned_as_numpy_bins_it(string name)
    {
        SameCounts(name, "bins", Bin(name));
    }

    [Theory]
    [MemberData(nameof(BinsOverrideCases))]
    public void A_bin_count_override_gives_numpys_equal_width_bins_over_the_same_range(string name)
    {
        var bins = DriftReferences.Case(name).GetProperty("bins_override").GetProperty("count").GetInt32();

        SameCounts(name, "bins_override", Bin(name, bins: bins));
    }

    [Theory]
    [MemberData(nameof(ReferenceBinningCases))]
    public void Reference_binning_cuts_at_numpys_reference_deciles_with_left_closed_bins(string name)
    {
        SameCounts(name, "reference_binning", Bin(name, DriftBinning.Reference));
    }

    [Theory]
    [InlineData("worked_categorical")]
    [InlineData("worked_new_category")]
    [InlineData("category_only_in_current")]
    [InlineData("large_categorical")]
    public void Categories_get_one_bin_each_over_both_sides_in_ordinal_order(string name)
    {
        var expected = StatisticsReferences.Strings(DriftReferences.Case(name).GetProperty("bins").GetProperty("labels"));

        Assert.Equal(expected, Bin(name).Bins);
    }

    [Theory]
    [InlineData("worked_binary")]
    [InlineData("twenty_distinct_reference_values")]
    [InlineData("one_reference_row")]
    [InlineData("missing_shares")]
    public void Numbers_with_few_distinct_reference_values_get_one_bin_per_value_of_the_union_in_numeric_order(string name)
    {
        var expected = DriftReferences.Numbers(DriftReferences.Case(name).GetProperty("bins").GetProperty("labels"));

        var labels = Bin(name).Bins.Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, labels);
    }

    [Fact]
    public void Twenty_distinct_reference_values_get_value_bins_and_twenty_one_get_sturges_bins()
    {
        // 20 reference values (0..19) and 22 current ones (0..21): one bin per value of the union.
        Assert.Equal(22, Bin("twenty_distinct_reference_values").Bins.Count);
        // 21 reference values: equal-width bins over both sides, Sturges on 210 + 220 rows = ceil(log2(430) + 1) = 10.
        Assert.Equal(10, Bin("twenty_one_distinct_reference_values").Bins.Count);
    }

    [Theory]
    [InlineData(3000, 13)]
    [InlineData(430, 10)]
    [InlineData(400_000, 20)]
    public void Sturges_is_the_ceiling_of_log2_of_the_rows_plus_one(int rows, int bins)
    {
        Assert.Equal(bins, DriftBins.Sturges(rows, range: 1.0));
    }

    [Fact]
    public void The_worked_numeric_example_has_13_bins_over_both_sides()
    {
        var bins = Bin("worked_wasserstein");

        Assert.Equal(13, bins.Bins.Count);
        Assert.Equal(2000, bins.Reference.Sum());
        Assert.Equal(1000, bins.Current.Sum());
    }

    [Fact]
    public void The_sturges_bin_count_is_numpys_even_where_log2_of_the_rows_is_a_whole_number()
    {
        // 512 + 512 rows over 0 .. 5.62: log2(1024) + 1 is exactly 11, but numpy's histogram_bin_edges(bins="sturges"),
        // which STATISTICS.md names as the rule, divides the range by the width range / 11 and takes the ceiling of
        // 11.000000000000002: 12 bins.
        var bins = Bin("sturges_at_a_power_of_two");

        Assert.Equal(12, bins.Bins.Count);
        Assert.Equal(PowerOfTwoReference, bins.Reference);
        Assert.Equal(PowerOfTwoCurrent, bins.Current);
    }

    [Fact]
    public void A_value_on_an_inner_edge_falls_in_the_bin_above_and_the_maximum_in_the_closed_last_bin()
    {
        // 4 bins over 0..24: edges 0, 6, 12, 18, 24; the reference 0..24 puts 6, 12 and 18 in the bin above and 24 in the last.
        var bins = Bin("equal_width_values_on_edges", bins: 4);

        Assert.Equal(OnEdgesReference, bins.Reference);
        Assert.Equal(OnEdgesCurrent, bins.Current);
    }

    [Fact]
    public void A_reference_decile_equal_to_a_value_puts_it_in_the_bin_above_and_the_outer_bins_are_open()
    {
        // Reference 0..100: deciles 10, 20, ..., 90. Current -5, 0, 5 | 10, 10 | 20, 25 | 30 | 40 | 50 x3 | 60 | 70 | 80 | 90, 95, 100, 1000.
        var bins = Bin("reference_deciles_on_data_values", DriftBinning.Reference);

        Assert.Equal(10, bins.Bins.Count);
        Assert.Equal(DecileReference, bins.Reference);
        Assert.Equal(DecileCurrent, bins.Current);
    }

    [Fact]
    public void Tied_reference_deciles_are_kept_once()
    {
        // Half the reference is 0, so the 10 % to 40 % deciles are all 0: 6 distinct edges, 7 bins.
        var bins = Bin("reference_deciles_with_ties", DriftBinning.Reference);

        Assert.Equal(7, bins.Bins.Count);
        Assert.Equal(0, bins.Reference[0]);
        Assert.Equal(50, bins.Reference[1]);
    }

    [Fact]
    public void Reference_deciles_are_numpys_to_the_last_bit_so_a_value_on_an_edge_lands_where_numpy_puts_it()
    {
        // Reference 0, 0.1, ..., 5.7: the 10 % decile is 0.5 + 0.7 * (0.6 - 0.5). numpy interpolates down from the upper
        // neighbour when the fraction is at least 0.5 and gets the double 0.57; a + t * (b - a) gives 0.5700000000000001,
        // which moves the current value 0.57 out of the bin numpy (and the left-closed rule) puts it in.
        var reference = DriftReferences.Side(DriftReferences.Case("reference_deciles_numpy_rounding"), "reference").Numbers;

        var bins = Bin("reference_deciles_numpy_rounding", DriftBinning.Reference);

        Assert.Equal(0.57, Quantiles.Type7(reference, 0.1));
        Assert.Equal(1, bins.Current[0]);
        Assert.Equal(3, bins.Current[1]);
    }

    [Fact]
    public void Reference_bins_depend_on_the_reference_only_so_windows_stay_comparable()
    {
        var column = DriftReferences.Column("reference_deciles_on_data_values");

        var window = DriftBins.For(column.Reference, column.Current, ColumnType.Numeric, DriftBinning.Reference, null);
        var another = DriftBins.For(column.Reference, ColumnValues.Numeric(FarAway), ColumnType.Numeric, DriftBinning.Reference, null);

        Assert.Equal(window.Bins, another.Bins);
        Assert.Equal(window.Reference, another.Reference);
        Assert.Equal(1, another.Current[0]);
        Assert.Equal(2, another.Current[^1]);
    }

    [Theory]
    [InlineData("twenty_distinct_reference_values")]
    [InlineData("worked_categorical")]
    public void Reference_binning_and_a_bin_count_leave_value_bins_alone(string name)
    {
        var combined = Bin(name);
        var reference = Bin(name, DriftBinning.Reference);
        var counted = Bin(name, bins: 3);

        Assert.Equal(combined.Bins, reference.Bins);
        Assert.Equal(combined.Current, reference.Current);
        Assert.Equal(combined.Bins, counted.Bins);
        Assert.Equal(combined.Reference, counted.Reference);
    }

    [Fact]
    public void Every_row_of_both_sides_lands_in_a_bin()
    {
        var bins = Bin("large_numeric");

        Assert.Equal(20, bins.Bins.Count);
        Assert.Equal(200_000, bins.Reference.Sum());
        Assert.Equal(200_000, bins.Current.Sum());
    }
}
