using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>One model version's business KPIs so far today (UTC), as the gauges report them.</summary>
public sealed record KpiGaugeValue(string Model, int Version, long Volume, double? ConfidentRatio, long Reviewed = 0, double? CorrectionRatio = null);

/// <summary>
/// Today's business KPIs per model and version as Prometheus gauges: <c>opsconsole_kpi_volume</c> (predictions since
/// 00:00 UTC), <c>opsconsole_kpi_confident_ratio</c> (the confident-prediction rate at τ = 0.8, 0..1),
/// <c>opsconsole_kpi_reviewed</c> (predictions reviewed today) and <c>opsconsole_kpi_correction_ratio</c> (of those,
/// the share whose label was changed; absent until something is reviewed, so no one reads 0 as "no errors"). Labels are
/// model and version only, never segment, so the series are bounded by the versions that served today. The values come
/// from the minute rollups, re-read every <see cref="MonitoringOptions.KpiGaugeSeconds"/> seconds by this service, so a
/// scrape only reads memory. A production version without traffic today reports volume 0 rather than vanishing, so an
/// alert on zero volume can fire.
/// </summary>
public sealed class KpiGauges : BackgroundService
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly IServiceScopeFactory _scopes;
    readonly TimeProvider _time;
    readonly IOptions<MonitoringOptions> _options;
    readonly ILogger<KpiGauges> _logger;
    volatile IReadOnlyList<KpiGaugeValue> _values = [];

    public KpiGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time, IOptions<MonitoringOptions> options, ILogger<KpiGauges> logger)
    {
        (_scopes, _time, _options, _logger) = (scopes, time, options, logger);
        var meter = meters.Create(TelemetrySetup.MeterName);
        meter.CreateObservableGauge("opsconsole.kpi.volume", () => _values.Select(v => new Measurement<long>(v.Volume, Tags(v))),
            description: "Predictions so far today (UTC), by model and version, from the minute rollups.");
        meter.CreateObservableGauge("opsconsole.kpi.confident_ratio",
            () => _values.Where(v => v.ConfidentRatio is not null).Select(v => new Measurement<double>(v.ConfidentRatio!.Value, Tags(v))),
            description: "Share of today's (UTC) predictions with a confidence that are at or above 0.8, by model and version.");
        meter.CreateObservableGauge("opsconsole.kpi.reviewed", () => _values.Select(v => new Measurement<long>(v.Reviewed, Tags(v))),
            description: "Predictions reviewed so far today (UTC), by model and the version that made them.");
        meter.CreateObservableGauge("opsconsole.kpi.correction_ratio",
            () => _values.Where(v => v.CorrectionRatio is not null).Select(v => new Measurement<double>(v.CorrectionRatio!.Value, Tags(v))),
            description: "Share of today's (UTC) reviewed predictions whose label the reviewer changed, by model and version.");
    }

    /// <summary>What the gauges report now (the last refresh).</summary>
    public IReadOnlyList<KpiGaugeValue> Values => _values;

    static TagList Tags(KpiGaugeValue value) => new() { { "model", value.Model }, { "version", value.Version } };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Value.KpiGaugeSeconds), _time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(_time.GetUtcNow(), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    MonitoringLog.KpiGaugesFailed(_logger, exception);   // the last values stay until a refresh succeeds
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Re-reads the rollups of the UTC day <paramref name="now"/> falls on; the service calls it on its timer.</summary>
    public async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var models = await db.Models.AsNoTracking().Select(m => m.Name).ToListAsync(cancellationToken);
        var production = await db.ModelVersions.AsNoTracking().Where(v => v.Stage == ModelStage.Production)
            .Select(v => new { Model = v.Model!.Name, v.Version }).ToListAsync(cancellationToken);
        var values = new List<KpiGaugeValue>();
        foreach (var model in models)
        {
            // One model at a time, so the query runs on the (model, minute) index and reads only today's cells and columns.
            var cells = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.MinuteStart >= today)
                .Select(r => new { r.Version, r.Count, r.ConfidenceCount, r.ConfidenceBinsJson }).ToListAsync(cancellationToken);
            var versions = cells.GroupBy(c => c.Version).ToDictionary(g => g.Key, g =>
            {
                var confident = g.Sum(c => RollupCell.ConfidentAtLeast(JsonSerializer.Deserialize<long[]>(c.ConfidenceBinsJson, Json) ?? [], KpiMath.DefaultThreshold));
                return new KpiGaugeValue(model, g.Key, g.Sum(c => c.Count), KpiMath.ConfidentRate(confident, g.Sum(c => c.ConfidenceCount)));
            });
            foreach (var p in production.Where(p => p.Model == model && !versions.ContainsKey(p.Version))) versions[p.Version] = new KpiGaugeValue(model, p.Version, 0, null);
            var reviews = await db.PredictionReviews.AsNoTracking().Where(r => r.Model == model && r.ReviewedAt >= today)
                .Select(r => new { r.Id, r.Version, r.PredictionId, r.Changed }).ToListAsync(cancellationToken);
            foreach (var group in reviews.GroupBy(r => r.Version))
            {
                var (reviewed, corrected) = KpiMath.ReviewCounts(group.Select(r => (r.PredictionId, r.Id, r.Changed)));
                var value = versions.GetValueOrDefault(group.Key) ?? new KpiGaugeValue(model, group.Key, 0, null);
                versions[group.Key] = value with { Reviewed = reviewed, CorrectionRatio = KpiMath.CorrectionRate(corrected, reviewed) };
            }
            values.AddRange(versions.Values.OrderBy(v => v.Version));
        }
        _values = values;
    }
}
