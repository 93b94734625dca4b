using System.Text;

namespace OpsConsole.Datasets;

/// <summary>A CSV file with a header row, as columns of raw strings; numbers are parsed by whoever needs them.</summary>
public sealed record CsvTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i], column, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>The outcome of reading a CSV: a table, or the line and reason it failed.</summary>
public sealed record CsvReadResult(CsvTable? Table, string? Error);

/// <summary>Reads RFC 4180 CSV: comma separated, optional double quotes with "" as an escaped quote, CRLF or LF.</summary>
public static class CsvReader
{
    public static CsvReadResult Parse(string text)
    {
        var records = new List<List<string>>();
        var field = new StringBuilder();
        var record = new List<string>();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    if (record.Count > 1 || record[0].Length > 0) records.Add(record);
                    record = [];
                    line++;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) return new CsvReadResult(null, $"Line {line}: a quoted field is not closed.");
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        if (records.Count == 0) return new CsvReadResult(null, "The file is empty; a header row is required.");

        var header = records[0].Select(h => h.Trim()).ToList();
        if (header.Any(string.IsNullOrEmpty)) return new CsvReadResult(null, "Every column in the header row needs a name.");
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return new CsvReadResult(null, $"The column '{duplicate.Key}' appears twice in the header row.");
        for (var r = 1; r < records.Count; r++)
        {
            if (records[r].Count != header.Count)
                return new CsvReadResult(null, $"Row {r + 1} has {records[r].Count} fields; the header has {header.Count}.");
        }
        return new CsvReadResult(new CsvTable(header, records.Skip(1).Select(r => (IReadOnlyList<string>)r).ToList()), null);
    }
}
