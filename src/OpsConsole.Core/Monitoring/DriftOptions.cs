namespace OpsConsole.Monitoring;

/// <summary>How PSI, KL and JS bin numbers with more than 20 distinct reference values (STATISTICS.md, Binning).</summary>
public enum DriftBinning { Combined, Reference }

/// <summary>One column's overrides of the report-wide choices.</summary>
public sealed record ColumnDriftSettings(string? Method = null, double? Threshold = null, int? Bins = null);

/// <summary>
/// The choices of a drift report. <see cref="Threshold"/> and <see cref="Bins"/> apply to every column unless a column
/// overrides them; <see cref="Bonferroni"/> divides the p-value threshold by the number of columns tested with a
/// p-value method; dataset drift is declared when the drifted share is at least <see cref="DatasetDriftShare"/>.
/// </summary>
public sealed record DriftOptions(
    string Method = DriftMethods.Auto, DriftBinning Binning = DriftBinning.Combined, int? Bins = null, double? Threshold = null,
    bool Bonferroni = false, double DatasetDriftShare = 0.5, IReadOnlyDictionary<string, ColumnDriftSettings>? Columns = null)
{
    public static DriftOptions Default { get; } = new();
}
