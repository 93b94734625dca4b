using OpsConsole.Platform;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace OpsConsole.Monitoring;

/// <summary>
/// What every time chart of the monitoring pages shares: an x axis over the whole range in the viewer's time zone
/// (so a quiet model still shows its deployments), every deployment marked, and a compact margin.
/// </summary>
public static class TimeCharts
{
    public static Config Config { get; } = new() { Responsive = true, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    public static Layout Layout(ChartRange range, IReadOnlyList<DeploymentMarker> deployments, BrowserTimeZone zone, string yTitle, string? y2Title = null,
        int height = 260, bool stacked = false)
    {
        var (lines, labels) = DeploymentMarkers.For(deployments, zone);
        var layout = new Layout
        {
            Height = height,
            Margin = new Margin { T = 30, B = 40, L = 60, R = y2Title is null ? 20 : 60 },
            Shapes = lines,
            Annotations = labels,
            ShowLegend = true,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.2m }],
            BarMode = stacked ? BarModeEnum.Stack : BarModeEnum.Group,
            XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, Range = [zone.ToLocal(range.From).DateTime, zone.ToLocal(range.To).DateTime] }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }],
        };
        if (y2Title is not null)
        {
            layout.YAxis.Add(new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = y2Title }, Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
                RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            });
        }
        return layout;
    }

    public static List<object> X(IEnumerable<DateTimeOffset> times, BrowserTimeZone zone) => [.. times.Select(t => (object)zone.ToLocal(t).DateTime)];

    public static Scatter Line(string name, IList<object> x, IEnumerable<double?> y, string? axis = null, string? dash = null) => new()
    {
        Name = name, Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers, X = x, Y = [.. y.Select(v => (object?)v ?? null!)],
        YAxis = axis, ConnectGaps = false, Line = dash is null ? null : new Plotly.Blazor.Traces.ScatterLib.Line { Dash = dash },
    };

    public static Bar Bars(string name, IList<object> x, IEnumerable<double> y, string? color = null) => new()
    {
        Name = name, X = x, Y = [.. y.Select(v => (object)v)], Marker = color is null ? null : new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
    };
}
