using System.Globalization;

namespace OpsConsole.Monitoring;

/// <summary>
/// The raw columns of a drift report, as the drift job has them before <see cref="ColumnValues"/> drops missing values
/// and sorts: <see cref="NumericFeatures"/> normal features and <see cref="CategoricalFeatures"/> categorical ones of
/// eight values, a reference and a current side, generated from a seed. The current side is shifted in four features:
/// num00 by a quarter of its standard deviation, num01 in scale (x1.3), num02 slightly (0.02 sd, under every
/// threshold at these sizes), and cat0's shares move from the first values to the last.
/// </summary>
public sealed class DriftSample
{
    public const int NumericFeatures = 20;
    public const int CategoricalFeatures = 5;
    static readonly string[] Values = [.. Enumerable.Range(0, 8).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))];
    static readonly double[] Shares = [0.30, 0.20, 0.15, 0.10, 0.10, 0.07, 0.05, 0.03];
    static readonly double[] ShiftedShares = [0.22, 0.18, 0.15, 0.10, 0.10, 0.09, 0.09, 0.07];

    DriftSample(string[] names, double[][] referenceNumbers, double[][] currentNumbers, string[][] referenceCategories, string[][] currentCategories)
    {
        Names = names;
        ReferenceNumbers = referenceNumbers;
        CurrentNumbers = currentNumbers;
        ReferenceCategories = referenceCategories;
        CurrentCategories = currentCategories;
    }

    /// <summary>Numeric columns first, then the categorical ones.</summary>
    public string[] Names { get; }
    public double[][] ReferenceNumbers { get; }
    public double[][] CurrentNumbers { get; }
    public string[][] ReferenceCategories { get; }
    public string[][] CurrentCategories { get; }

    public static DriftSample Generate(int referenceRows, int currentRows, int seed)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, NumericFeatures).Select(i => $"num{i:00}")
            .Concat(Enumerable.Range(0, CategoricalFeatures).Select(i => $"cat{i}")).ToArray();
        var (referenceNumbers, currentNumbers) = (new double[NumericFeatures][], new double[NumericFeatures][]);
        for (var f = 0; f < NumericFeatures; f++)
        {
            var (mean, std) = (f * 0.5, 1 + f % 4);
            var (shift, scale) = f switch { 0 => (0.25, 1.0), 1 => (0.0, 1.3), 2 => (0.02, 1.0), _ => (0.0, 1.0) };
            referenceNumbers[f] = Normal(random, referenceRows, mean, std);
            currentNumbers[f] = Normal(random, currentRows, mean + shift * std, std * scale);
        }
        var (referenceCategories, currentCategories) = (new string[CategoricalFeatures][], new string[CategoricalFeatures][]);
        for (var f = 0; f < CategoricalFeatures; f++)
        {
            referenceCategories[f] = Categories(random, referenceRows, Shares);
            currentCategories[f] = Categories(random, currentRows, f == 0 ? ShiftedShares : Shares);
        }
        return new DriftSample(names, referenceNumbers, currentNumbers, referenceCategories, currentCategories);
    }

    /// <summary>The columns as the engine takes them: missing values dropped and numbers sorted, which is part of a report's cost.</summary>
    public List<DriftColumn> Columns()
    {
        var columns = new List<DriftColumn>(Names.Length);
        for (var f = 0; f < NumericFeatures; f++)
        {
            columns.Add(new DriftColumn(Names[f], ColumnType.Numeric, ColumnValues.Numeric(ReferenceNumbers[f]), ColumnValues.Numeric(CurrentNumbers[f])));
        }
        for (var f = 0; f < CategoricalFeatures; f++)
        {
            columns.Add(new DriftColumn(Names[NumericFeatures + f], ColumnType.Categorical,
                ColumnValues.Categorical(ReferenceCategories[f]), ColumnValues.Categorical(CurrentCategories[f])));
        }
        return columns;
    }

    // Box–Muller, both values of each pair used.
    static double[] Normal(Random random, int rows, double mean, double std)
    {
        var values = new double[rows];
        for (var i = 0; i < rows; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = mean + std * radius * Math.Cos(angle);
            if (i + 1 < rows) values[i + 1] = mean + std * radius * Math.Sin(angle);
        }
        return values;
    }

    static string[] Categories(Random random, int rows, double[] shares)
    {
        var values = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < shares.Length - 1 && u >= shares[k])
            {
                u -= shares[k];
                k++;
            }
            values[i] = Values[k];
        }
        return values;
    }
}
