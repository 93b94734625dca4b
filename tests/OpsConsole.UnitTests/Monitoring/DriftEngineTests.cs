namespace OpsConsole.Monitoring;

public class DriftEngineTests
{
    static readonly double[] ZeroAndOne = [0, 1];
    static readonly double[] OneAndTwo = [1, 2];
    static readonly double?[] NumbersWithGaps = [1.5, null, double.NaN, 2.5, double.PositiveInfinity, double.NegativeInfinity, -3, 0, 4.25, 0.5];
    static readonly double[] NumbersKept = [-3, 0, 0.5, 1.5, 2.5, 4.25];
    static readonly string?[] CategoriesWithGaps = ["a", null, "", "b", "a"];
    static readonly string[] CategoriesKept = ["a", "b", "a"];
    static readonly string[] Distances = [DriftMethods.Psi, DriftMethods.Kl, DriftMethods.Js];
    static readonly string[] PerColumnMethods = [DriftMethods.ChiSquare, DriftMethods.ChiSquare, DriftMethods.Psi];
    static readonly bool[] TwoOfFourDrift = [true, true, false, false];
    static readonly bool[] OneOfFourDrifts = [true, false, false, false];

    public static TheoryData<string> Cases => DriftReferences.WithStatistic;
    public static TheoryData<string> ReferenceBinningCases => DriftReferences.WithReferenceBinning;

    // Columns whose auto methods are chi-square (p 0.01478), z (p 0.033672), z (p 1) and JS (0.00158): none needs the KS
    // distribution, and two of the three tests drift at 0.05.
    static readonly string[] Mixed = ["worked_categorical", "worked_binary", "identical_categorical", "large_categorical"];

    static List<DriftColumn> Columns(params string[] names) => [.. names.Select(DriftReferences.Column)];

    static DriftOptions PerColumn(string column, ColumnDriftSettings settings, DriftOptions? options = null) =>
        (options ?? DriftOptions.Default) with { Columns = new Dictionary<string, ColumnDriftSettings> { [column] = settings } };

    static ColumnDrift Judge(string name, DriftOptions options) => Assert.Single(DriftEngine.Report(Columns(name), options).Columns);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Auto_picks_the_method_of_the_statistics_table(string name)
    {
        var expected = DriftReferences.Case(name).GetProperty("auto").GetString();

        Assert.Equal(expected, DriftEngine.MethodFor(DriftReferences.Column(name), DriftOptions.Default));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_method_but_ks_reports_scipys_figures_with_the_rows_and_missing_shares(string name)
    {
        var reference = DriftReferences.Case(name);
        var column = DriftReferences.Column(name);

        foreach (var method in Distances)
        {
            var drift = DriftEngine.Column(column, method, 0.1);
            Assert.Equal(DriftReferences.Number(reference, method), Assert.NotNull(drift.Statistic), 1e-12);
            Assert.Null(drift.PValue);
            Assert.Equal(method, drift.Method);
            Assert.Equal(reference.GetProperty("n_ref").GetInt32(), drift.ReferenceRows);
            Assert.Equal(reference.GetProperty("n_cur").GetInt32(), drift.CurrentRows);
            Assert.Equal(DriftReferences.Number(reference, "missing_share_ref"), drift.ReferenceMissingShare, 1e-15);
            Assert.Equal(DriftReferences.Number(reference, "missing_share_cur"), drift.CurrentMissingShare, 1e-15);
        }

        var chi = DriftEngine.Column(column, DriftMethods.ChiSquare, 0.05);
        var expectedChi = DriftReferences.Number(reference, "chisquare", "statistic");
        var expectedP = DriftReferences.Number(reference, "chisquare", "p");
        Assert.Equal(expectedChi, Assert.NotNull(chi.Statistic), expectedChi * 1e-12 + 1e-15);
        Assert.Equal(expectedP, Assert.NotNull(chi.PValue), expectedP * 1e-11);
        Assert.Equal(expectedP < 0.05, chi.Drift);

        var z = DriftEngine.Column(column, DriftMethods.Z, 0.05);
        if (!DriftReferences.Has(reference, "z"))
        {
            Assert.Null(z.Statistic);
            Assert.NotNull(z.Reason);
        }
        else
        {
            var expectedZ = DriftReferences.Number(reference, "z", "p");
            Assert.Equal(expectedZ, Assert.NotNull(z.PValue), expectedZ * 1e-11);
            Assert.Equal(expectedZ < 0.05, z.Drift);
        }

        if (column.Type == ColumnType.Numeric)
        {
            var w = DriftEngine.Column(column, DriftMethods.Wasserstein, 0.1);
            var expectedW = DriftReferences.Number(reference, "wasserstein", "statistic");
            Assert.Equal(expectedW, Assert.NotNull(w.Statistic), expectedW * 1e-11 + 1e-15);
            Assert.Equal(expectedW >= 0.1, w.Drift);
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceBinningCases))]
    public void Reference_binning_gives_the_distances_on_the_reference_deciles(string name)
    {
        var reference = DriftReferences.Case(name).GetProperty("reference_binning");
        var options = new DriftOptions(Binning: DriftBinning.Reference);

        foreach (var method in Distances)
        {
            var drift = Judge(name, options with { Method = method });
            Assert.Equal(DriftReferences.Number(reference, method), Assert.NotNull(drift.Statistic), 1e-12);
        }
    }

    [Fact]
    public void The_worked_numeric_example_is_judged_by_normed_wasserstein_and_drifts()
    {
        var drift = Judge("worked_wasserstein", DriftOptions.Default);
        var psi = Judge("worked_wasserstein", new DriftOptions(Method: DriftMethods.Psi));

        Assert.Equal(DriftMethods.Wasserstein, drift.Method);
        Assert.Equal(0.588897, Assert.NotNull(drift.Statistic), 1e-6);
        Assert.Equal(0.1, drift.Threshold);
        Assert.True(drift.Drift);
        Assert.Equal(3.361372, Assert.NotNull(psi.Statistic), 1e-6);
    }

    [Theory]
    [InlineData(DriftMethods.Psi, 0.1, true)]     // 0.171480
    [InlineData(DriftMethods.Kl, 0.1, false)]     // 0.088015
    [InlineData(DriftMethods.Js, 0.1, true)]      // 0.145778
    [InlineData(DriftMethods.ChiSquare, 0.05, true)] // p 0.01478
    public void Each_method_is_judged_by_its_default_threshold(string method, double threshold, bool drifted)
    {
        var drift = Judge("worked_categorical", new DriftOptions(Method: method));

        Assert.Equal(method, drift.Method);
        Assert.Equal(threshold, drift.Threshold);
        Assert.Equal(drifted, drift.Drift);
    }

    [Fact]
    public void A_distance_equal_to_its_threshold_drifts()
    {
        // W1({0, 1}, {1, 2}) = 1 over a reference std of 0.5: exactly 2.
        var column = new DriftColumn("w", ColumnType.Numeric, ColumnValues.Numeric(ZeroAndOne), ColumnValues.Numeric(OneAndTwo));

        Assert.True(DriftEngine.Column(column, DriftMethods.Wasserstein, 2).Drift);
        Assert.False(DriftEngine.Column(column, DriftMethods.Wasserstein, 2.000001).Drift);
    }

    [Fact]
    public void A_p_value_equal_to_its_threshold_does_not_drift()
    {
        // The same shares on both sides give z = 0 and p exactly 1.
        var column = DriftReferences.Column("identical_categorical");

        Assert.Equal(1, Assert.NotNull(DriftEngine.Column(column, DriftMethods.Z, 1).PValue));
        Assert.False(DriftEngine.Column(column, DriftMethods.Z, 1).Drift);
        Assert.True(DriftEngine.Column(column, DriftMethods.Z, 1.000001).Drift);
    }

    [Fact]
    public void A_report_wide_threshold_replaces_the_default_and_a_column_threshold_replaces_both()
    {
        var wide = new DriftOptions(Method: DriftMethods.Psi, Threshold: 0.2);

        var reported = Judge("worked_categorical", wide);
        var overridden = Judge("worked_categorical", PerColumn("worked_categorical", new ColumnDriftSettings(Threshold: 0.15), wide));

        Assert.Equal((0.2, false), (reported.Threshold, reported.Drift));
        Assert.Equal((0.15, true), (overridden.Threshold, overridden.Drift));
    }

    [Fact]
    public void A_column_method_replaces_the_report_method_and_auto_in_a_column_setting_follows_the_table()
    {
        var options = new DriftOptions(Method: DriftMethods.Psi, Columns: new Dictionary<string, ColumnDriftSettings>
        {
            ["worked_binary"] = new(Method: DriftMethods.ChiSquare),
            ["worked_categorical"] = new(Method: DriftMethods.Auto),
        });

        var report = DriftEngine.Report(Columns("worked_binary", "worked_categorical", "identical_categorical"), options);

        Assert.Equal(PerColumnMethods, report.Columns.Select(c => c.Method));
        Assert.Equal(0.033672, Assert.NotNull(report.Columns[0].PValue), 1e-6);
        Assert.Equal(0.05, report.Columns[0].Threshold);
        Assert.Equal(0.1, report.Columns[2].Threshold);
    }

    [Fact]
    public void A_column_bin_count_and_a_report_bin_count_give_that_many_equal_width_bins()
    {
        const string name = "twenty_one_distinct_reference_values";
        var expected = DriftReferences.Number(DriftReferences.Case(name).GetProperty("bins_override"), "psi");

        var column = Judge(name, PerColumn(name, new ColumnDriftSettings(Method: DriftMethods.Psi, Bins: 5)));
        var report = Judge(name, new DriftOptions(Method: DriftMethods.Psi, Bins: 5));
        var sturges = Judge(name, new DriftOptions(Method: DriftMethods.Psi));

        Assert.Equal(expected, Assert.NotNull(column.Statistic), 1e-12);
        Assert.Equal(expected, Assert.NotNull(report.Statistic), 1e-12);
        Assert.Equal(DriftReferences.Number(DriftReferences.Case(name), "psi"), Assert.NotNull(sturges.Statistic), 1e-12);
    }

    [Fact]
    public void Dataset_drift_is_declared_when_half_the_columns_with_a_statistic_drift()
    {
        var report = DriftEngine.Report(Columns(Mixed), DriftOptions.Default);

        Assert.Equal(TwoOfFourDrift, report.Columns.Select(c => c.Drift));
        Assert.Equal(0.5, report.DriftShare);
        Assert.True(report.DatasetDrift);
    }

    [Fact]
    public void The_dataset_drift_share_is_configurable()
    {
        var report = DriftEngine.Report(Columns(Mixed), new DriftOptions(DatasetDriftShare: 0.6));

        Assert.Equal(0.5, report.DriftShare);
        Assert.False(report.DatasetDrift);
    }

    [Fact]
    public void Columns_without_a_statistic_are_left_out_of_the_drift_share()
    {
        var report = DriftEngine.Report(Columns([.. Mixed, "all_missing_reference", "all_missing_current"]), DriftOptions.Default);

        Assert.Equal(6, report.Columns.Count);
        Assert.Equal(0.5, report.DriftShare);
        Assert.True(report.DatasetDrift);
    }

    [Fact]
    public void A_report_where_no_column_has_a_statistic_has_a_share_of_zero_and_no_dataset_drift()
    {
        var report = DriftEngine.Report(Columns("all_missing_reference", "all_missing_current"), DriftOptions.Default);

        Assert.All(report.Columns, c => Assert.Null(c.Statistic));
        Assert.Equal(0, report.DriftShare);
        Assert.False(report.DatasetDrift);
    }

    [Fact]
    public void Bonferroni_divides_the_p_value_threshold_by_the_number_of_tested_columns_and_leaves_distances_alone()
    {
        var report = DriftEngine.Report(Columns(Mixed), new DriftOptions(Bonferroni: true));

        // Three tests (chi-square, z, z) share 0.05; the JS column keeps 0.1. The z-test's p 0.033672 no longer drifts.
        Assert.Equal(0.05 / 3, report.Columns[0].Threshold, 1e-15);
        Assert.Equal(0.05 / 3, report.Columns[1].Threshold, 1e-15);
        Assert.Equal(0.05 / 3, report.Columns[2].Threshold, 1e-15);
        Assert.Equal(0.1, report.Columns[3].Threshold);
        Assert.Equal(OneOfFourDrifts, report.Columns.Select(c => c.Drift));
        Assert.Equal(0.25, report.DriftShare);
        Assert.False(report.DatasetDrift);
    }

    [Fact]
    public void Bonferroni_with_a_single_tested_column_keeps_its_threshold()
    {
        var report = DriftEngine.Report(Columns("worked_binary", "large_categorical"), new DriftOptions(Bonferroni: true));

        Assert.Equal(0.05, report.Columns[0].Threshold);
        Assert.True(report.Columns[0].Drift);
    }

    [Theory]
    [InlineData("all_missing_reference", "reference")]
    [InlineData("all_missing_current", "current")]
    public void A_side_with_no_value_left_gives_no_statistic_a_reason_and_no_drift(string name, string side)
    {
        var drift = Judge(name, DriftOptions.Default);

        Assert.Null(drift.Statistic);
        Assert.Null(drift.PValue);
        Assert.False(drift.Drift);
        Assert.Contains(side, Assert.IsType<string>(drift.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_side_reports_its_missing_share_of_one_and_zero_rows()
    {
        var reference = Judge("all_missing_reference", DriftOptions.Default);
        var current = Judge("all_missing_current", DriftOptions.Default);

        Assert.Equal((0, 10, 1.0, 0.0), (reference.ReferenceRows, reference.CurrentRows, reference.ReferenceMissingShare, reference.CurrentMissingShare));
        Assert.Equal((5, 0, 0.0, 1.0), (current.ReferenceRows, current.CurrentRows, current.ReferenceMissingShare, current.CurrentMissingShare));
    }

    [Theory]
    [InlineData(DriftMethods.Ks)]
    [InlineData(DriftMethods.Wasserstein)]
    public void Number_methods_on_a_categorical_column_give_no_statistic_and_a_reason(string method)
    {
        var drift = DriftEngine.Column(DriftReferences.Column("worked_categorical"), method, 0.05);

        Assert.Null(drift.Statistic);
        Assert.False(drift.Drift);
        Assert.Contains("categorical", Assert.IsType<string>(drift.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public void The_z_test_on_three_values_gives_no_statistic_and_a_reason()
    {
        var drift = DriftEngine.Column(DriftReferences.Column("worked_categorical"), DriftMethods.Z, 0.05);

        Assert.Null(drift.Statistic);
        Assert.Null(drift.PValue);
        Assert.False(drift.Drift);
        Assert.NotNull(drift.Reason);
    }

    [Fact]
    public void Missing_values_are_dropped_and_their_share_reported_for_each_side()
    {
        var drift = DriftEngine.Column(DriftReferences.Column("missing_shares"), DriftMethods.Psi, 0.1);

        Assert.Equal((51, 50), (drift.ReferenceRows, drift.CurrentRows));
        Assert.Equal(9.0 / 60, drift.ReferenceMissingShare, 1e-15);
        Assert.Equal(2.0 / 52, drift.CurrentMissingShare, 1e-15);
        Assert.Null(drift.Reason);
    }

    [Fact]
    public void Null_nan_and_infinite_numbers_are_missing_and_the_rest_kept_sorted()
    {
        var values = ColumnValues.Numeric(NumbersWithGaps);

        Assert.Equal(NumbersKept, values.Numbers);
        Assert.Equal(6, values.Count);
        Assert.Equal(4, values.Missing);
        Assert.Equal(0.4, values.MissingShare, 1e-15);
    }

    [Fact]
    public void Null_and_empty_categories_are_missing()
    {
        var values = ColumnValues.Categorical(CategoriesWithGaps);

        Assert.Equal(CategoriesKept, values.Categories);
        Assert.Equal(2, values.Missing);
        Assert.Equal(2.0 / 5, values.MissingShare, 1e-15);
    }

    [Fact]
    public void A_side_without_any_row_has_a_missing_share_of_zero()
    {
        Assert.Equal(0, ColumnValues.Categorical([]).MissingShare);
    }

    [Theory]
    [InlineData("psy")]
    [InlineData("PSI")]
    [InlineData(DriftMethods.Auto)]
    public void An_unknown_method_is_refused(string unknown)
    {
        var column = DriftReferences.Column("worked_categorical");

        Assert.Throws<ArgumentOutOfRangeException>("method", () => DriftEngine.Column(column, unknown, 0.1));
    }
}
