using System.Globalization;
using OpsConsole.Datasets;

namespace OpsConsole.Monitoring;

/// <summary>A cell that is not a number, and where it was read (rows counted as in CSV errors: the header is row 1).</summary>
public sealed record TextCell(string Value, string File, int Row);

/// <summary>
/// A column ready for the engine, with the first cell that made it categorical (null for a numeric column) and a note
/// when only one of the files has text in it.
/// </summary>
public sealed record DriftInputColumn(DriftColumn Column, TextCell? FirstText, string? Note);

/// <summary>The columns to compare, or the reason the files cannot be compared.</summary>
public sealed record DriftInputResult(IReadOnlyList<DriftInputColumn>? Columns, string? Error);

/// <summary>
/// Loads the two CSV files of <c>opsconsole drift</c> and types their columns as STATISTICS.md says for the CLI:
/// cells are trimmed; an empty cell, NaN or ±Infinity is missing; a column is categorical when any non-missing cell in
/// either file is not a number, so both sides of a column always have the same type.
/// </summary>
public static class DriftInput
{
    // What numpy and pandas write for non-finite floats, besides .NET's own "NaN" and "Infinity".
    static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
    };

    enum CellKind { Missing, Number, Text }

    public static async Task<DriftInputResult> LoadAsync(string referencePath, string currentPath, IReadOnlyList<string>? selected, CancellationToken cancellationToken)
    {
        var reference = await ReadAsync(referencePath, "reference", cancellationToken);
        if (reference.Table is not { } referenceTable) return new DriftInputResult(null, reference.Error);
        var current = await ReadAsync(currentPath, "current", cancellationToken);
        if (current.Table is not { } currentTable) return new DriftInputResult(null, current.Error);

        var (names, error) = ColumnsToCompare(referenceTable, currentTable, referencePath, currentPath, selected);
        if (names is null) return new DriftInputResult(null, error);
        return new DriftInputResult([.. names.Select(n => Typed(n, referenceTable, currentTable, referencePath, currentPath))], null);
    }

    static async Task<CsvReadResult> ReadAsync(string path, string side, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return new CsvReadResult(null, $"The {side} file '{path}' does not exist.");
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new CsvReadResult(null, $"Could not read the {side} file '{path}': {exception.Message}");
        }
        var parsed = CsvReader.Parse(text);
        if (parsed.Table is null) return new CsvReadResult(null, $"The {side} file '{path}' is not usable CSV: {parsed.Error}");
        if (parsed.Table.Rows.Count == 0) return new CsvReadResult(null, $"The {side} file '{path}' has a header row but no data rows.");
        return parsed;
    }

    // Every column of the reference unless --columns names some; each one must be in both files.
    static (IReadOnlyList<string>? Names, string? Error) ColumnsToCompare(
        CsvTable reference, CsvTable current, string referencePath, string currentPath, IReadOnlyList<string>? selected)
    {
        string? WhyNotInBoth(string name)
        {
            var inReference = reference.IndexOf(name) >= 0;
            var inCurrent = current.IndexOf(name) >= 0;
            if (inReference && inCurrent) return null;
            if (inReference || inCurrent)
            {
                var (has, lacks) = inReference ? (referencePath, currentPath) : (currentPath, referencePath);
                return $"Column '{name}' is in '{has}' but not in '{lacks}'; both files need the columns compared (choose them with --columns).";
            }
            var shared = reference.Columns.Where(c => current.IndexOf(c) >= 0).ToList();
            return $"--columns names '{name}', which neither file has; available columns: {(shared.Count == 0 ? "none in both files" : string.Join(", ", shared))}.";
        }

        var names = selected ?? [.. reference.Columns.Concat(current.Columns.Where(c => reference.IndexOf(c) < 0))];
        foreach (var name in names)
        {
            if (WhyNotInBoth(name) is { } error) return (null, error);
        }
        return (names, null);
    }

    static DriftInputColumn Typed(string name, CsvTable reference, CsvTable current, string referencePath, string currentPath)
    {
        var r = reference.IndexOf(name);
        var c = current.IndexOf(name);
        var referenceText = FirstText(reference, r, referencePath);
        var currentText = FirstText(current, c, currentPath);
        if ((referenceText ?? currentText) is not { } text)
        {
            var numeric = new DriftColumn(name, ColumnType.Numeric,
                ColumnValues.Numeric(reference.Rows.Select(row => Number(row[r]))), ColumnValues.Numeric(current.Rows.Select(row => Number(row[c]))));
            return new DriftInputColumn(numeric, null, null);
        }

        var categorical = new DriftColumn(name, ColumnType.Categorical,
            ColumnValues.Categorical(reference.Rows.Select(row => Category(row[r]))), ColumnValues.Categorical(current.Rows.Select(row => Category(row[c]))));
        string? note = null;
        if ((referenceText is null) != (currentText is null))
        {
            var (numbers, table, index) = referenceText is null ? (referencePath, reference, r) : (currentPath, current, c);
            if (table.Rows.Any(row => Classify(row[index], out _) == CellKind.Number))
            {
                note = $"'{name}' holds only numbers in '{numbers}' but '{text.Value}' in '{text.File}' (row {text.Row}), so it is compared as categorical in both files.";
            }
        }
        return new DriftInputColumn(categorical, text, note);
    }

    static TextCell? FirstText(CsvTable table, int column, string path)
    {
        for (var i = 0; i < table.Rows.Count; i++)
        {
            if (Classify(table.Rows[i][column], out _) == CellKind.Text) return new TextCell(table.Rows[i][column].Trim(), path, i + 2);
        }
        return null;
    }

    static double? Number(string cell) => Classify(cell, out var value) == CellKind.Number ? value : null;

    static string? Category(string cell) => Classify(cell, out _) == CellKind.Missing ? null : cell.Trim();

    static CellKind Classify(string cell, out double value)
    {
        value = 0;
        var trimmed = cell.Trim();
        if (trimmed.Length == 0 || MissingTokens.Contains(trimmed)) return CellKind.Missing;
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return CellKind.Text;
        // A literal beyond double's range (1e999) parses to infinity: missing, like an infinity written out.
        return double.IsFinite(value) ? CellKind.Number : CellKind.Missing;
    }
}
