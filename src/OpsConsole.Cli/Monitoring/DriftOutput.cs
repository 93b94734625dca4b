using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpsConsole.Monitoring;

/// <summary>
/// Prints a drift report: the JSON of DESIGN.md's CLI contract (column, type, method, statistic, pValue, threshold,
/// drift; driftShare, datasetDrift; plus "reason" on a column without a statistic), or an aligned table for people.
/// Numbers are written with the invariant culture either way.
/// </summary>
public static class DriftOutput
{
    static readonly string[] Header = ["column", "type", "method", "statistic", "p-value", "threshold", "drift"];

    public static async Task WriteJsonAsync(DriftReport report, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // readable names and reasons; stdout is not HTML
        });
        json.WriteStartObject();
        json.WriteStartArray("columns");
        foreach (var column in report.Columns)
        {
            json.WriteStartObject();
            json.WriteString("column", column.Column);
            json.WriteString("type", TypeName(column.Type));
            json.WriteString("method", column.Method);
            WriteNumberOrNull(json, "statistic", column.Statistic);
            WriteNumberOrNull(json, "pValue", column.PValue);
            WriteNumberOrNull(json, "threshold", column.Threshold);
            json.WriteBoolean("drift", column.Drift);
            if (column.Reason is not null) json.WriteString("reason", column.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteNumberOrNull(json, "driftShare", report.DriftShare);
        json.WriteBoolean("datasetDrift", report.DatasetDrift);
        json.WriteEndObject();
        json.Flush();
        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken);
    }

    public static async Task WriteTableAsync(DriftReport report, IReadOnlyList<DriftInputColumn> inputs, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(report.Columns.Select(c => new[]
        {
            c.Column, TypeName(c.Type), c.Method, Format(c.Statistic), Format(c.PValue), Format(c.Threshold),
            c.Statistic is null ? "-" : c.Drift ? "yes" : "no",
        }));
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');

        foreach (var column in report.Columns.Where(c => c.Reason is not null))
            text.Append(CultureInfo.InvariantCulture, $"{column.Column}: no statistic. {column.Reason}\n");
        foreach (var note in inputs.Select(i => i.Note).OfType<string>())
            text.Append(CultureInfo.InvariantCulture, $"{note}\n");

        var judged = report.Columns.Count(c => c.Statistic is not null);
        var drifted = report.Columns.Count(c => c.Drift);
        text.Append(CultureInfo.InvariantCulture,
            $"Dataset drift: {(report.DatasetDrift ? "yes" : "no")} ({drifted} of {judged} columns drifted, share {report.DriftShare.ToString("0.###", CultureInfo.InvariantCulture)})\n");
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
    }

    static string TypeName(ColumnType type) => type == ColumnType.Numeric ? "numeric" : "categorical";

    static string Format(double? value) => value is { } x ? x.ToString("G6", CultureInfo.InvariantCulture) : "-";

    // JSON has no NaN or infinity. The engine gives neither, but a null is better than an exception from the writer.
    static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } x && double.IsFinite(x)) json.WriteNumber(name, x);
        else json.WriteNull(name);
    }
}
