using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>Raised after the drift job stored a model's snapshot, so open monitoring pages redraw without polling.</summary>
public sealed record DriftComputed(string Model, int Version, DateTimeOffset At, bool DatasetDrift);

/// <summary>
/// Recomputes drift for every model's production version over the configured current window and appends a
/// <see cref="DriftSnapshot"/>, so drift is a time series. A version without a reference yet (no holdout and no
/// window, or a required holdout it lacks) is skipped. Hangfire
/// runs one instance at a time across servers (<see cref="DisableConcurrentExecutionAttribute"/>), and a run that
/// finds a snapshot younger than half an interval leaves that model alone, so a retried or doubled run adds nothing.
/// </summary>
public sealed class DriftJob(OpsDbContext db, DriftQueries drift, DriftGauges gauges, LiveEvents live, TimeProvider time, IOptions<MonitoringOptions> options)
{
    public const string Id = "monitoring-drift";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = now - TimeSpan.FromMinutes(options.Value.DriftIntervalMinutes / 2.0);
        var serving = await db.ModelVersions.AsNoTracking().Where(v => v.Stage == ModelStage.Production)
            .Select(v => new { Model = v.Model!.Name, v.Version }).ToListAsync(cancellationToken);
        var stored = 0;
        foreach (var s in serving)
        {
            if (await db.DriftSnapshots.AnyAsync(x => x.Model == s.Model && x.Version == s.Version && x.ComputedAt > fresh, cancellationToken)) continue;
            var (view, _, _) = await drift.ReportAsync(s.Model, s.Version, null, TimeSpan.FromHours(options.Value.DriftWindowHours), null, null, now, cancellationToken);
            if (view is null) continue;
            db.DriftSnapshots.Add(new DriftSnapshot
            {
                Model = s.Model, Version = s.Version, ComputedAt = now, ReferenceFrom = view.Reference.From, ReferenceTo = view.Reference.To,
                ReferenceRows = view.Reference.Rows, ReferenceSource = view.Reference.Source, CurrentFrom = view.Current.From, CurrentTo = view.Current.To, CurrentRows = view.Current.Rows,
                DriftShare = view.DriftShare, DatasetDrift = view.DatasetDrift, ColumnsJson = JsonSerializer.Serialize(view.Columns, Json),
            });
            await db.SaveChangesAsync(cancellationToken);
            gauges.Record(s.Model, s.Version, view.Columns, view.DriftShare);
            stored++;
            await live.PublishAsync(new DriftComputed(s.Model, s.Version, now, view.DatasetDrift));
        }
        return stored;
    }
}
