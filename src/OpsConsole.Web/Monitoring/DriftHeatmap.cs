using OpsConsole.Platform;
using Plotly.Blazor.Traces;

namespace OpsConsole.Monitoring;

/// <summary>
/// The drift heatmap: one row per column (features, then prediction and confidence), one cell per drift run, coloured by
/// how far the statistic is past its threshold. Distances are statistic / threshold; tests are threshold / p-value
/// (both 1 at the threshold and above 1 when drifting), capped at 5 so one extreme cell does not wash out the rest.
/// </summary>
public static class DriftHeatmap
{
    public const double Cap = 5;

    static readonly object[] Scale = [new object[] { 0, "#2e7d32" }, new object[] { 0.2, "#fdd835" }, new object[] { 1, "#c62828" }];

    public static double? Severity(DriftColumnView column) => column switch
    {
        { PValue: { } p } => Math.Min(Cap, p <= 0 ? Cap : column.Threshold / p),
        { Statistic: { } s } when column.Threshold > 0 => Math.Min(Cap, s / column.Threshold),
        _ => null,
    };

    public static HeatMap Build(IReadOnlyList<DriftPointView> points, BrowserTimeZone zone)
    {
        var columns = points.SelectMany(p => p.Columns).Select(c => c.Column).Distinct().ToList();
        var z = columns.Select(name => (object)points.Select(p => (object?)(p.Columns.FirstOrDefault(c => c.Column == name) is { } c ? Severity(c) : null)).ToList()).ToList();
        return new HeatMap
        {
            X = [.. points.Select(p => (object)zone.ToLocal(p.ComputedAt).DateTime)],
            Y = [.. columns.Select(c => (object)c)],
            Z = z,
            ZMin = 0,
            ZMax = (decimal)Cap,
            // Green well inside the threshold, yellow at it (1 of 5), red when far past it.
            ColorScale = Scale,
        };
    }
}
