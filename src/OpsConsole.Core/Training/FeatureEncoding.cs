using System.Globalization;

namespace OpsConsole.Training;

/// <summary>How one raw column becomes model inputs: standardized number, or one-hot over the training vocabulary.</summary>
public sealed record ColumnEncoding(string Name, bool IsNumeric, double Mean, double Scale, IReadOnlyList<string> Vocabulary)
{
    /// <summary>How many model inputs the column becomes.</summary>
    public int Width => IsNumeric ? 1 : Vocabulary.Count;
}

/// <summary>
/// The encoder learned from training rows: numeric columns are centred and scaled to unit variance (a constant column
/// keeps scale 1), categorical ones are one-hot over the sorted training vocabulary; an unseen category encodes as all zeros
/// and a non-number in a numeric column as the mean.
/// </summary>
public sealed record FeatureEncoding(IReadOnlyList<ColumnEncoding> Columns)
{
    public int Width => Columns.Sum(c => c.Width);

    /// <summary>A column is numeric when every training value parses as an invariant-culture number.</summary>
    public static FeatureEncoding Learn(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var columns = new List<ColumnEncoding>();
        for (var c = 0; c < names.Count; c++)
        {
            var values = rows.Select(r => r[c]).ToList();
            if (values.All(v => TryNumber(v, out _)))
            {
                var numbers = values.Select(Number).ToList();
                var mean = numbers.Average();
                var variance = numbers.Sum(x => (x - mean) * (x - mean)) / numbers.Count;
                var std = Math.Sqrt(variance);
                columns.Add(new ColumnEncoding(names[c], true, mean, std > 1e-12 ? 1 / std : 1, []));
            }
            else
            {
                columns.Add(new ColumnEncoding(names[c], false, 0, 1, [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
            }
        }
        return new FeatureEncoding(columns);
    }

    /// <summary>Encodes one raw row (values in column order) into <paramref name="destination"/>.</summary>
    public void Encode(IReadOnlyList<string> row, Span<double> destination)
    {
        var at = 0;
        for (var c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            if (column.IsNumeric)
            {
                // A value that is not a number (a holdout row the training rows never showed) encodes as the mean.
                destination[at++] = TryNumber(row[c], out var x) ? (x - column.Mean) * column.Scale : 0;
                continue;
            }
            for (var k = 0; k < column.Vocabulary.Count; k++)
                destination[at + k] = string.Equals(column.Vocabulary[k], row[c], StringComparison.Ordinal) ? 1 : 0;
            at += column.Vocabulary.Count;
        }
    }

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
