using System.CommandLine;
using System.Globalization;

namespace OpsConsole.Monitoring;

/// <summary>The options of one <c>opsconsole drift</c> run, as typed on the command line.</summary>
public sealed record DriftArguments(
    string Reference, string Current, string? Columns, string Method, string Binning, string? Bins, string? Threshold, bool Json, bool FailOnDrift);

/// <summary>
/// <c>opsconsole drift --reference REF.csv --current CUR.csv</c>: offline drift between two CSV files by the engine the
/// server uses. Exit 0, or 1 with <c>--fail-on-drift</c> when the dataset drifted; 2 on bad input, with the reason on stderr.
/// </summary>
public static class DriftCommand
{
    const string Combined = "combined";
    const string ReferenceBinning = "reference";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var reference = new Option<string>("--reference") { Description = "CSV file with a header row: the reference sample", Required = true };
        var current = new Option<string>("--current") { Description = "CSV file with a header row: the current sample", Required = true };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to compare (default: every column)" };
        var method = new Option<string>("--method")
        {
            Description = $"Drift method: {string.Join('|', DriftMethods.All)}; auto picks one per column as Evidently does",
            DefaultValueFactory = _ => DriftMethods.Auto,
        };
        var binning = new Option<string>("--binning")
        {
            Description = "Bins for psi, kl and js over many distinct numbers: combined (equal width over both files) or reference (reference deciles)",
            DefaultValueFactory = _ => Combined,
        };
        // Numbers are taken as text and parsed here with the invariant culture, whatever the machine's culture.
        var bins = new Option<string?>("--bins") { Description = "Number of equal-width bins instead of Sturges' rule (at least 1)" };
        var threshold = new Option<string?>("--threshold") { Description = "Drift threshold for every column (default: 0.05 for tests, 0.1 for distances)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit 1 when the dataset drifted" };
        var command = new Command("drift", "Compares two CSV files column by column and says whether the dataset drifted.")
        {
            reference, current, columns, method, binning, bins, threshold, json, failOnDrift,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new DriftArguments(
                result.GetRequiredValue(reference), result.GetRequiredValue(current), result.GetValue(columns),
                result.GetValue(method) ?? DriftMethods.Auto, result.GetValue(binning) ?? Combined, result.GetValue(bins), result.GetValue(threshold),
                result.GetValue(json), result.GetValue(failOnDrift)),
            output, error, cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(DriftArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, optionsError) = ParseOptions(arguments);
        if (options is null) return await BadInputAsync(error, optionsError);
        var (selected, columnsError) = ParseColumns(arguments.Columns);
        if (columnsError is not null) return await BadInputAsync(error, columnsError);

        var input = await DriftInput.LoadAsync(arguments.Reference, arguments.Current, selected, cancellationToken);
        if (input.Columns is not { } columns) return await BadInputAsync(error, input.Error);
        // The engine would list such a column without a statistic; asked for a numbers-only method, the user gets told.
        if (DriftMethods.NeedsNumbers(options.Method) && columns.FirstOrDefault(c => c.FirstText is not null) is { FirstText: { } text } offending)
        {
            return await BadInputAsync(error,
                $"--method {options.Method} compares numbers, but column '{offending.Column.Name}' is categorical: '{text.File}' row {text.Row} holds '{text.Value}'. " +
                "Choose numeric columns with --columns, or another method.");
        }

        var report = DriftEngine.Report([.. columns.Select(c => c.Column)], options);
        if (arguments.Json) await DriftOutput.WriteJsonAsync(report, output, cancellationToken);
        else await DriftOutput.WriteTableAsync(report, columns, output, cancellationToken);
        return arguments.FailOnDrift && report.DatasetDrift ? CliApp.Failed : CliApp.Ok;
    }

    static (DriftOptions? Options, string? Error) ParseOptions(DriftArguments arguments)
    {
        var method = DriftMethods.All.FirstOrDefault(m => string.Equals(m, arguments.Method, StringComparison.OrdinalIgnoreCase));
        if (method is null) return (null, $"--method must be one of {string.Join(", ", DriftMethods.All)}; got '{arguments.Method}'.");

        DriftBinning binning;
        if (string.Equals(arguments.Binning, Combined, StringComparison.OrdinalIgnoreCase)) binning = DriftBinning.Combined;
        else if (string.Equals(arguments.Binning, ReferenceBinning, StringComparison.OrdinalIgnoreCase)) binning = DriftBinning.Reference;
        else return (null, $"--binning must be {Combined} or {ReferenceBinning}; got '{arguments.Binning}'.");

        int? bins = null;
        if (arguments.Bins is not null)
        {
            if (!int.TryParse(arguments.Bins, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return (null, $"--bins must be a whole number of at least 1; got '{arguments.Bins}'.");
            }
            bins = n;
        }

        double? threshold = null;
        if (arguments.Threshold is not null)
        {
            if (!double.TryParse(arguments.Threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t <= 0)
            {
                return (null, $"--threshold must be a positive number such as 0.05; got '{arguments.Threshold}'.");
            }
            threshold = t;
        }
        return (new DriftOptions(method, binning, bins, threshold), null);
    }

    static (IReadOnlyList<string>? Columns, string? Error) ParseColumns(string? columns)
    {
        if (columns is null) return (null, null);
        var names = columns.Split(',').Select(n => n.Trim()).ToList();
        if (names.Any(n => n.Length == 0)) return (null, $"--columns needs comma-separated column names; got '{columns}'.");
        return (names.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    static async Task<int> BadInputAsync(TextWriter error, string? message)
    {
        await error.WriteLineAsync(message);
        return CliApp.BadInput;
    }
}
