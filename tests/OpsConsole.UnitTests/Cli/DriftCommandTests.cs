using System.Globalization;
using System.Text.Json;

namespace OpsConsole.Cli;

/// <summary>
/// <c>opsconsole drift</c> on the sample files of tests/fixtures/cli. The expected reports in golden.json come from
/// tests/fixtures/make_cli_golden.py (numpy/scipy, independent of the engine), which also writes the samples.
/// </summary>
public class DriftCommandTests
{
    const double Tolerance = 1e-9;
    static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "cli");
    static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "golden.json"))));
    static readonly string[] ReportFields = ["columns", "driftShare", "datasetDrift"];
    static readonly string[] ColumnFields = ["column", "type", "method", "statistic", "pValue", "threshold", "drift"];

    [Theory]
    [InlineData("auto")]
    [InlineData("same_file")]
    [InlineData("psi")]
    [InlineData("psi_reference_binning")]
    [InlineData("psi_five_bins")]
    [InlineData("kl")]
    [InlineData("js")]
    [InlineData("ks")]
    [InlineData("wasserstein")]
    [InlineData("chisquare")]
    [InlineData("z")]
    [InlineData("threshold")]
    [InlineData("large_auto")]
    [InlineData("large_kl_reference_binning")]
    [InlineData("large_psi_combined_binning")]
    public async Task Json_report_matches_scipy_for_the_sample_files(string name)
    {
        var golden = Case(name);
        var args = golden.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).Append("--json").ToArray();

        var (code, output, error) = await RunAsync(args);

        Assert.Equal("", error);
        Assert.Equal(CliApp.Ok, code);
        using var actual = JsonDocument.Parse(output);
        AssertReport(golden.GetProperty("expected"), actual.RootElement);
    }

    [Fact]
    public async Task Human_output_is_an_aligned_table_ending_with_the_dataset_verdict()
    {
        var expected = Case("auto").GetProperty("expected");

        var (code, output, error) = await RunAsync("--reference", "reference.csv", "--current", "current.csv");

        Assert.Equal("", error);
        Assert.Equal(CliApp.Ok, code);
        var lines = Lines(output);
        Assert.Matches(@"^column +type +method +statistic +p-value +threshold +drift$", lines[0]);
        var typeAt = lines[0].IndexOf("type", StringComparison.Ordinal);
        var driftAt = lines[0].IndexOf("drift", StringComparison.Ordinal);
        var columns = expected.GetProperty("columns").EnumerateArray().ToList();
        for (var i = 0; i < columns.Count; i++)
        {
            var row = lines[i + 1];
            var column = columns[i];
            var fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(column.GetProperty("column").GetString(), fields[0]);
            Assert.Equal(column.GetProperty("type").GetString(), fields[1]);
            Assert.Equal(column.GetProperty("method").GetString(), fields[2]);
            Assert.Equal(typeAt, row.IndexOf(fields[1], fields[0].Length, StringComparison.Ordinal));
            var statistic = column.GetProperty("statistic");
            var drift = statistic.ValueKind == JsonValueKind.Null ? "-" : column.GetProperty("drift").GetBoolean() ? "yes" : "no";
            Assert.Equal(drift, fields[^1]);
            Assert.Equal(driftAt, row.Length - drift.Length);
        }
        var judged = columns.Count(c => c.GetProperty("statistic").ValueKind != JsonValueKind.Null);
        var drifted = columns.Count(c => c.GetProperty("drift").GetBoolean());
        var share = expected.GetProperty("driftShare").GetDouble().ToString("0.###", CultureInfo.InvariantCulture);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Dataset drift: yes ({drifted} of {judged} columns drifted, share {share})"), lines[^1]);
    }

    [Fact]
    public async Task A_column_numeric_in_one_file_and_text_in_the_other_is_categorical_in_both_and_the_table_says_so()
    {
        var (code, output, _) = await RunAsync("--reference", "reference.csv", "--current", "current.csv", "--columns", "mixed");

        Assert.Equal(CliApp.Ok, code);
        var lines = Lines(output);
        var fields = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("mixed", fields[0]);
        Assert.Equal("categorical", fields[1]);
        Assert.Equal("chisquare", fields[2]);
        var note = Assert.Single(lines, l => l.StartsWith("'mixed'", StringComparison.Ordinal));
        Assert.Contains("holds only numbers in", note, StringComparison.Ordinal);
        Assert.Contains("'unknown' in '", note, StringComparison.Ordinal);
        Assert.EndsWith("current.csv' (row 3), so it is compared as categorical in both files.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_empty_on_one_side_stays_listed_without_a_statistic_and_says_why()
    {
        var json = await RunAsync("--reference", "reference.csv", "--current", "current.csv", "--columns", "bonus,age", "--json");
        var table = await RunAsync("--reference", "reference.csv", "--current", "current.csv", "--columns", "bonus,age");

        using var report = JsonDocument.Parse(json.Output);
        var bonus = report.RootElement.GetProperty("columns")[0];
        Assert.Equal("bonus", bonus.GetProperty("column").GetString());
        Assert.Equal(JsonValueKind.Null, bonus.GetProperty("statistic").ValueKind);
        Assert.Equal(JsonValueKind.Null, bonus.GetProperty("pValue").ValueKind);
        Assert.False(bonus.GetProperty("drift").GetBoolean());
        Assert.Contains("current side has no value", bonus.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // Only the column with a statistic counts: age drifted, so the share is 1 of 1.
        Assert.Equal(1.0, report.RootElement.GetProperty("driftShare").GetDouble());
        Assert.Contains("bonus: no statistic. The current side has no value once missing values are dropped.", Lines(table.Output));
        Assert.Equal("Dataset drift: yes (1 of 1 columns drifted, share 1)", Lines(table.Output)[^1]);
    }

    [Theory]
    [InlineData("--reference reference.csv --current current.csv", CliApp.Ok)]
    [InlineData("--reference reference.csv --current current.csv --json", CliApp.Ok)]
    [InlineData("--reference reference.csv --current current.csv --fail-on-drift", CliApp.Failed)]
    [InlineData("--reference reference.csv --current current.csv --fail-on-drift --json", CliApp.Failed)]
    [InlineData("--reference reference.csv --current reference.csv --fail-on-drift", CliApp.Ok)]
    [InlineData("--reference reference.csv --current current.csv --columns churned,plan --fail-on-drift", CliApp.Ok)]
    [InlineData("--reference large_reference.csv --current large_current.csv --method kl --binning reference --fail-on-drift", CliApp.Ok)]
    public async Task Exit_code_is_1_only_with_fail_on_drift_when_the_dataset_drifted(string commandLine, int exitCode)
    {
        var (code, output, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal("", error);
        Assert.Equal(exitCode, code);
        Assert.StartsWith(commandLine.Contains("--json", StringComparison.Ordinal) ? "{" : "column", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--reference does_not_exist.csv --current current.csv", "The reference file '|does_not_exist.csv' does not exist.")]
    [InlineData("--reference reference.csv --current does_not_exist.csv", "The current file '|does_not_exist.csv' does not exist.")]
    [InlineData("--reference empty.csv --current current.csv", "The reference file '|empty.csv' is not usable CSV: The file is empty; a header row is required.")]
    [InlineData("--reference reference.csv --current header_only.csv", "The current file '|header_only.csv' has a header row but no data rows.")]
    [InlineData("--reference reference.csv --current current.csv --columns age,height",
        "--columns names 'height', which neither file has; available columns: age, income, color, churned, segment, plan, mixed, bonus.")]
    [InlineData("--reference reference.csv --current current_missing_column.csv", "Column 'income' is in '|reference.csv' but not in '|current_missing_column.csv'")]
    [InlineData("--reference current_missing_column.csv --current reference.csv", "Column 'income' is in '|reference.csv' but not in '|current_missing_column.csv'")]
    [InlineData("--reference reference.csv --current current_missing_column.csv --columns age,plan", "Column 'plan' is in '|current_missing_column.csv'")]
    [InlineData("--reference reference.csv --current current.csv --columns age,,color", "--columns needs comma-separated column names; got 'age,,color'.")]
    [InlineData("--reference reference.csv --current current.csv --method hellinger",
        "--method must be one of auto, psi, kl, js, ks, wasserstein, chisquare, z; got 'hellinger'.")]
    [InlineData("--reference reference.csv --current current.csv --binning quantiles", "--binning must be combined or reference; got 'quantiles'.")]
    [InlineData("--reference reference.csv --current current.csv --bins 0", "--bins must be a whole number of at least 1; got '0'.")]
    [InlineData("--reference reference.csv --current current.csv --bins 2.5", "--bins must be a whole number of at least 1; got '2.5'.")]
    [InlineData("--reference reference.csv --current current.csv --bins many", "--bins must be a whole number of at least 1; got 'many'.")]
    [InlineData("--reference reference.csv --current current.csv --threshold 0", "--threshold must be a positive number such as 0.05; got '0'.")]
    [InlineData("--reference reference.csv --current current.csv --threshold abc", "--threshold must be a positive number such as 0.05; got 'abc'.")]
    [InlineData("--reference reference.csv --current current.csv --threshold NaN", "--threshold must be a positive number such as 0.05; got 'NaN'.")]
    [InlineData("--reference reference.csv --current current.csv --threshold Infinity", "--threshold must be a positive number such as 0.05; got 'Infinity'.")]
    [InlineData("--reference reference.csv --current current.csv --method ks",
        "--method ks compares numbers, but column 'color' is categorical: '|reference.csv' row 2 holds 'red'.")]
    [InlineData("--reference reference.csv --current current.csv --method wasserstein --columns age,mixed",
        "--method wasserstein compares numbers, but column 'mixed' is categorical: '|current.csv' row 3 holds 'unknown'.")]
    [InlineData("--current current.csv", "--reference")]
    public async Task Bad_input_exits_2_with_the_reason_on_stderr_and_nothing_on_stdout(string commandLine, string messageParts)
    {
        var (code, output, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(CliApp.BadInput, code);
        Assert.Equal("", output);
        // The message quotes the paths as given, which the test spells out in full: check the parts around them.
        foreach (var part in messageParts.Split('|')) Assert.Contains(part, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_are_read_and_written_with_the_invariant_culture_whatever_the_machine_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var json = await RunAsync("--reference", "reference.csv", "--current", "current.csv", "--columns", "income", "--threshold", "0.5", "--json");
            var table = await RunAsync("--reference", "reference.csv", "--current", "current.csv", "--columns", "income", "--threshold", "0.5");

            Assert.Equal(CliApp.Ok, json.Code);
            using var report = JsonDocument.Parse(json.Output);
            var income = report.RootElement.GetProperty("columns")[0];
            Assert.Equal(0.5, income.GetProperty("threshold").GetDouble());
            var expected = Case("auto").GetProperty("expected").GetProperty("columns")[1];
            AssertNumber(expected.GetProperty("pValue"), income.GetProperty("pValue"), "income pValue");
            Assert.Equal("0.5", Lines(table.Output)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[5]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    static void AssertReport(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(ReportFields, actual.EnumerateObject().Select(p => p.Name));
        var expectedColumns = expected.GetProperty("columns").EnumerateArray().ToList();
        var actualColumns = actual.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(expectedColumns.Count, actualColumns.Count);
        for (var i = 0; i < expectedColumns.Count; i++)
        {
            var (e, a) = (expectedColumns[i], actualColumns[i]);
            var name = e.GetProperty("column").GetString();
            // An extra "reason" is allowed beside the contract's fields, and only on a column without a statistic.
            Assert.Equal(ColumnFields, a.EnumerateObject().Select(p => p.Name).Where(n => n != "reason"));
            Assert.Equal(e.GetProperty("statistic").ValueKind == JsonValueKind.Null, a.TryGetProperty("reason", out _));
            Assert.Equal(name, a.GetProperty("column").GetString());
            Assert.Equal(e.GetProperty("type").GetString(), a.GetProperty("type").GetString());
            Assert.Equal(e.GetProperty("method").GetString(), a.GetProperty("method").GetString());
            AssertNumber(e.GetProperty("statistic"), a.GetProperty("statistic"), $"{name} statistic");
            AssertNumber(e.GetProperty("pValue"), a.GetProperty("pValue"), $"{name} pValue");
            AssertNumber(e.GetProperty("threshold"), a.GetProperty("threshold"), $"{name} threshold");
            Assert.Equal(e.GetProperty("drift").GetBoolean(), a.GetProperty("drift").GetBoolean());
        }
        AssertNumber(expected.GetProperty("driftShare"), actual.GetProperty("driftShare"), "driftShare");
        Assert.Equal(expected.GetProperty("datasetDrift").GetBoolean(), actual.GetProperty("datasetDrift").GetBoolean());
    }

    // Relative beyond 1, absolute below: statistics such as chi-square run into the tens, p-values into 1e-7.
    static void AssertNumber(JsonElement expected, JsonElement actual, string what)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            if (actual.ValueKind != JsonValueKind.Null) Assert.Fail($"{what}: expected null, got {actual.GetRawText()}");
            return;
        }
        if (actual.ValueKind != JsonValueKind.Number) Assert.Fail($"{what}: expected a number, got {actual.GetRawText()}");
        var (e, a) = (expected.GetDouble(), actual.GetDouble());
        Assert.True(Math.Abs(a - e) <= Tolerance * Math.Max(1, Math.Abs(e)),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {e:R}, got {a:R}"));
    }

    static JsonElement Case(string name) => Golden.Value.RootElement.GetProperty("cases").EnumerateArray()
        .Single(c => string.Equals(c.GetProperty("name").GetString(), name, StringComparison.Ordinal));

    static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    // Runs `opsconsole drift ARGS`; an argument naming a sample file becomes its full path in the test output folder.
    static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? Path.Combine(Fixtures, a) : a).Prepend("drift").ToArray();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(resolved, output, error, httpHandler: null, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
