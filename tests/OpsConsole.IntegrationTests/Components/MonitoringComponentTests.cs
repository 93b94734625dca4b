using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpsConsole.Monitoring;
using OpsConsole.Platform;
using Plotly.Blazor.Traces;

namespace OpsConsole.Components;

/// <summary>The monitoring page's pieces rendered alone: the drift heatmap and table, the drill-down and the service charts.</summary>
public sealed class MonitoringComponentTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddScoped<BrowserTimeZone>();
        return ctx;
    }

    static DriftColumnView Column(string name, double? statistic, double? p, double threshold, bool drift, string kind = "feature") =>
        new(name, kind, "numeric", p is null ? "wasserstein" : "ks", statistic, p, threshold, drift, 0, 0, null, name == "amount" ? ThresholdSources.Data : ThresholdSources.Default);

    static List<DriftPointView> Runs() =>
    [
        .. Enumerable.Range(0, 3).Select(run => new DriftPointView(Now.AddHours(run - 3), 1, 5000, 1000, run == 2 ? 0.5 : 0, run == 2,
            [Column("amount", 0.05 * run, null, 0.1, 0.05 * run >= 0.1), Column("country", 3.2, 0.5, 0.05, false), Column("prediction", 0.01, 0.9, 0.05, false, "prediction")],
            Now.AddDays(-10), Now.AddDays(-3))),
    ];

    [Fact]
    public async Task The_heatmap_has_a_row_per_column_a_cell_per_run_coloured_against_the_threshold_and_a_click_on_a_column_opens_it()
    {
        await using var ctx = NewContext();
        string? opened = null;

        var panel = ctx.Render<DriftPanel>(p => p.Add(c => c.Points, Runs()).Add(c => c.OnSelect, column => opened = column));

        var heatmap = panel.Instance.Heatmap;
        Assert.Equal(["amount", "country", "prediction"], heatmap.Y.Cast<string>());
        Assert.Equal(3, heatmap.X.Count);
        var amount = ((IEnumerable<object?>)heatmap.Z[0]).Cast<double?>().ToList();
        Assert.Equal([0, 0.5, 1.0], amount.Select(v => Math.Round(v!.Value, 9)));           // statistic / threshold
        Assert.Equal(0.1, ((IEnumerable<object?>)heatmap.Z[1]).Cast<double?>().First()!.Value, 9);   // threshold / p-value for a test
        Assert.Contains("1 of 2", panel.Find("#drift-summary").TextContent);   // features only: the prediction is not counted
        Assert.Single(panel.FindAll("#drift-latest .mud-chip"));
        Assert.Equal("data-driven (reference chunks)", Assert.Single(panel.FindAll("#drift-latest .threshold-source")).TextContent);   // says which threshold fired

        await panel.InvokeAsync(() => panel.FindAll("#drift-latest .drift-column")[0].Click());

        Assert.Equal("amount", opened);
    }

    [Fact]
    public async Task The_drill_down_overlays_both_distributions_and_lists_segments_most_drifted_first()
    {
        await using var ctx = NewContext();
        var drift = new DriftColumnView("amount", "feature", "numeric", "ks", 0.4, 1e-12, 0.05, true, 0, 0, null);
        var view = new FeatureDriftView("m", 1, "amount", "feature", new DriftReferenceView(Now.AddDays(-10), Now.AddDays(-3), 800, false, ReferenceSources.Window), new DriftWindowView(Now.AddDays(-1), Now, 600, false),
            drift, [new DistributionBin("[0, 1)", 0.5, 0.25), new DistributionBin("[1, 2]", 0.5, 0.75)],
            [new ColumnHistoryPoint(Now.AddHours(-2), 1, 0.1, 0.2, 0.05, false, 0.25), new ColumnHistoryPoint(Now.AddHours(-1), 1, 0.4, 1e-12, 0.05, true, 5)],
            [new SegmentDriftView("eu", 400, 300, drift, 5), new SegmentDriftView("us", 400, 300, drift with { Drift = false, PValue = 0.4 }, 0.125)],
            ColumnSummary.Of(ColumnValues.Numeric([1.0, 2.0, 3.0]), ColumnType.Numeric), ColumnSummary.Of(ColumnValues.Numeric([11.0, 12.0, 13.0, null]), ColumnType.Numeric), []);

        var drill = ctx.Render<FeatureDrilldown>(p => p.Add(c => c.Column, "amount").Add(c => c.View, view));

        var reference = (Bar)drill.Instance.Distribution[0];
        var current = (Bar)drill.Instance.Distribution[1];
        Assert.Equal(("reference", "current"), (reference.Name, current.Name));
        Assert.Equal([0.25, 0.75], current.Y.Cast<double>());
        Assert.Equal(["eu", "us"], drill.FindAll("#feature-segments tbody tr").Select(r => r.QuerySelector("td")!.TextContent));
        Assert.Contains("drifting", drill.Find("#feature-drilldown").TextContent);
        Assert.Contains("800 reference rows", drill.Find("#feature-drilldown").TextContent);
        var median = drill.FindAll("#feature-summary tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "p50").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["p50", "2", "12"], median);
        Assert.Contains("25.0", drill.Find("#feature-summary").TextContent);   // a quarter of the current values missing
    }

    [Fact]
    public async Task A_drill_down_without_segments_says_how_to_send_them_and_a_problem_is_shown_instead_of_charts()
    {
        await using var ctx = NewContext();
        var drift = new DriftColumnView("b", "feature", "numeric", "wasserstein", 0.01, null, 0.1, false, 0, 0, null);
        var view = new FeatureDriftView("m", 1, "b", "feature", new DriftReferenceView(Now.AddDays(-10), Now.AddDays(-3), 80, false, ReferenceSources.Window), new DriftWindowView(Now.AddDays(-1), Now, 60, false),
            drift, [new DistributionBin("1", 1, 1)], [], [],
            ColumnSummary.Of(ColumnValues.Categorical(["de", "fr"]), ColumnType.Categorical), ColumnSummary.Of(ColumnValues.Categorical(["de", "xx"]), ColumnType.Categorical),
            [new CategoryShare("xx", 1, 0.5)]);

        var empty = ctx.Render<FeatureDrilldown>(p => p.Add(c => c.Column, "b").Add(c => c.View, view));
        var problem = ctx.Render<FeatureDrilldown>(p => p.Add(c => c.Column, "zzz").Add(c => c.Problem, "v1 of m has no feature 'zzz'"));

        Assert.Contains("send a segment", empty.Find("#feature-drilldown").TextContent);
        Assert.Contains("xx (50", empty.Find("#new-categories").TextContent);
        Assert.Contains("no feature 'zzz'", problem.Find(".mud-alert").TextContent);
        Assert.Empty(problem.FindAll("#feature-distribution"));
    }

    [Fact]
    public async Task The_service_charts_stack_traffic_by_stage_draw_three_percentiles_and_count_errors_by_kind()
    {
        await using var ctx = NewContext();
        var range = ChartRange.Last(TimeSpan.FromHours(1), Now);
        var errors = new Dictionary<string, long> { [ServiceErrorKinds.Rejected] = 3, [ServiceErrorKinds.Fault] = 1 };
        var points = new List<MetricsPoint>
        {
            new(Now.AddMinutes(-2), 10, 1, 2, 3, 0.9, new Dictionary<string, long> { ["production"] = 8, ["canary"] = 2 }, new Dictionary<string, long>(), errors, 5, 0.001, 0.1),
            new(Now.AddMinutes(-1), 5, 1, 2, 4, 0.8, new Dictionary<string, long> { ["production"] = 5 }, new Dictionary<string, long>(), new Dictionary<string, long>(), 2, 0.001, 0.2),
        };
        var view = new MetricsView("m", range.From, range.To, 1, null, points, [new DeploymentMarker(Now.AddMinutes(-30), 2, "shadow", "canary", false, "lead@example.com", "try it")],
            new Dictionary<string, long> { ["c"] = 6 }, 7.0 / 3_600_000, 0.05, 0.0001, 0.8);

        var charts = ctx.Render<ServiceCharts>(p => p.Add(c => c.Metrics, view).Add(c => c.Range, range));

        var traffic = charts.Instance.Traces["traffic-chart"].Cast<Bar>().ToList();
        Assert.Equal(["production", "canary"], traffic.Select(t => t.Name));
        Assert.Equal([2.0, 0.0], traffic[1].Y.Cast<double>());
        Assert.Equal(["p50", "p95", "p99"], charts.Instance.Traces["latency-chart"].Cast<Scatter>().Select(t => t.Name));
        // Rejected requests are bars (how they ended); the fault is a line (why the version failed), not a second request.
        Assert.Equal(["rejected by contract", "model fault"], charts.Instance.Traces["errors-chart"].Select(t => t is Bar b ? b.Name : ((Scatter)t).Name));
        Assert.Contains("3 rejected by contract", charts.Find("#service-summary").TextContent);
        Assert.Contains("15", charts.Find("#service-summary").TextContent);
        Assert.Contains("c", charts.Find("#violations-by-feature").TextContent);
    }

    [Fact]
    public async Task The_accuracy_panel_draws_the_estimate_band_beside_realized_accuracy_and_says_how_it_was_calibrated()
    {
        await using var ctx = NewContext();
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var view = new AccuracyView("m", 1, "UTC", new CalibrationView(Now.AddDays(-44), Now.AddDays(-14), 400, true, 0.32, 0.01),
        [
            new DailyAccuracy(day.AddDays(-1), 300, 0, null, new EstimatedAccuracy(0.6, 0.02, 300)),
            new DailyAccuracy(day, 200, 50, 0.58, new EstimatedAccuracy(0.61, 0.03, 200)),
        ]);

        var panel = ctx.Render<AccuracyPanel>(p => p.Add(c => c.View, view).Add(c => c.Range, ChartRange.Last(TimeSpan.FromDays(2), Now)));

        var traces = panel.Instance.Traces.Cast<Scatter>().ToList();
        Assert.Equal(0.66, (double)traces[0].Y[0], 12);     // upper band: 0.6 + 3 · 0.02
        Assert.Equal(0.54, (double)traces[1].Y[0], 12);     // lower band
        Assert.Equal([0.6, 0.61], traces[2].Y.Cast<double>());
        Assert.Null(traces[3].Y[0]);                         // no labels yet on the first day
        Assert.Equal(0.58, (double)traces[3].Y[1], 12);
        Assert.Contains("Calibrated on 400 labelled predictions", panel.Find("#accuracy-panel").TextContent);
    }

    [Fact]
    public async Task The_kpi_panel_draws_volume_and_both_rates_with_the_correction_rates_wilson_whiskers_and_denominator()
    {
        await using var ctx = NewContext();
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var days = KpiMath.Daily(
        [
            new DayCounts(day.AddDays(-1), 500, 500, 450),
            new DayCounts(day, 400, 400, 300, 200, 6),
        ]);

        var panel = ctx.Render<KpiPanel>(p => p.Add(c => c.View, new KpiView("m", 0.8, "UTC", days)).Add(c => c.Range, ChartRange.Last(TimeSpan.FromDays(2), Now)));

        var traces = panel.Instance.Traces;
        Assert.Equal([500.0, 400.0], ((Bar)traces[0]).Y.Cast<double>());
        Assert.Equal([0.9, 0.75], ((Scatter)traces[1]).Y.Cast<double>());
        var correction = (Scatter)traces[3];
        Assert.Null(correction.Y[0]);                         // nothing reviewed the first day: no rate, not 0
        Assert.Equal(0.03, (double)correction.Y[1], 12);
        var wilson = WilsonInterval.Of(6, 200)!;
        Assert.Equal(wilson.High - 0.03, (double)correction.ErrorY.Array[1], 12);
        Assert.Equal(0.03 - wilson.Low, (double)correction.ErrorY.ArrayMinus[1], 12);
        Assert.Equal("6 of 200 reviewed corrected", correction.HoverTextArray[1]);
        Assert.DoesNotContain("Nothing reviewed in this range", panel.Find("#kpi-panel").TextContent, StringComparison.Ordinal);
    }
}
