using OpsConsole.Platform;
using Plotly.Blazor.LayoutLib;

namespace OpsConsole.Monitoring;

/// <summary>
/// Every promotion, rollback and canary change as a dotted vertical line across a time chart, with a label whose hover
/// says who moved which version where and why: what changed is the first question when a line bends.
/// </summary>
public static class DeploymentMarkers
{
    public static (List<Shape> Lines, List<Annotation> Labels) For(IReadOnlyList<DeploymentMarker> deployments, BrowserTimeZone zone)
    {
        var lines = new List<Shape>(deployments.Count);
        var labels = new List<Annotation>(deployments.Count);
        foreach (var d in deployments)
        {
            var x = zone.ToLocal(d.At).DateTime;
            lines.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, X0 = x, X1 = x, Y0 = 0, Y1 = 1, YRef = "paper",
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = d.IsRollback ? "#c62828" : "#5c6bc0", Dash = "dot", Width = 1.5m },
            });
            labels.Add(new Annotation
            {
                X = x, Y = 1, YRef = "paper", YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom, ShowArrow = false,
                Text = d.IsRollback ? $"↩ v{d.Version}" : $"v{d.Version} → {d.To}",
                HoverText = $"{d.Actor}: v{d.Version} {d.From} → {d.To}. {d.Reason}",
            });
        }
        return (lines, labels);
    }
}
