namespace OpsConsole.Monitoring;

/// <summary>
/// One column's drift: the method used, its statistic and p-value (null for distances), the threshold it was judged
/// by, the verdict, the rows compared and each side's missing share. A column without a statistic (a side empty after
/// dropping missing values, or a method that cannot take the column) has <see cref="Reason"/> and is not drifted.
/// </summary>
public sealed record ColumnDrift(
    string Column, ColumnType Type, string Method, double? Statistic, double? PValue, double Threshold, bool Drift,
    int ReferenceRows, int CurrentRows, double ReferenceMissingShare, double CurrentMissingShare, string? Reason = null);

/// <summary>The columns and the dataset verdict: drifted columns / columns with a statistic, and whether that share reaches the rule.</summary>
public sealed record DriftReport(IReadOnlyList<ColumnDrift> Columns, double DriftShare, bool DatasetDrift);
