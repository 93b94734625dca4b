using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

public sealed record PerformanceView(string Model, int Version, DateTimeOffset From, DateTimeOffset To, PerformanceReport Report);

/// <summary>A logged prediction joined with its ground truth: the latest outcome received for it.</summary>
public sealed record LabelledRow(string PredictionId, DateTimeOffset At, string Predicted, double? Confidence, string? ProbabilitiesJson, string Truth, string? Segment);

/// <summary>
/// Realized performance once labels arrive: the window's predictions of a version joined with their outcomes by
/// prediction id or by request id. When a prediction has several outcomes, the latest received wins (a correction).
/// Shadow rows are left out. The coverage's denominator (the window's predictions) is counted from the minute rollups,
/// so a window is read at whole minutes there; only the labelled rows are read from the log.
/// </summary>
public sealed class PerformanceQueries(OpsDbContext db)
{
    public async Task<(PerformanceView? View, string? Problem)> ForAsync(string model, int? version, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (chosen, problem) = await VersionAsync(model, version, cancellationToken);
        if (chosen is not { } v) return (null, problem);
        var from = now - window;
        var start = RollupKey.MinuteOf(from);
        var total = await db.PredictionRollups.Where(r => r.Model == model && r.Version == v && r.MinuteStart >= start && r.MinuteStart < now).SumAsync(r => r.Count, cancellationToken);
        var labelled = (await LabelledAsync(model, v, from, now, cancellationToken))
            .ConvertAll(j => new LabelledPrediction(j.Predicted, j.Truth, j.ProbabilitiesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(j.ProbabilitiesJson)));
        return (new PerformanceView(model, v, from, now, PerformanceReport.Compute(total, labelled)), null);
    }

    /// <summary>The version to report on (the one asked for, else production's), or why there is none.</summary>
    public async Task<(int? Version, string? Problem)> VersionAsync(string model, int? version, CancellationToken cancellationToken)
    {
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.Model!.Name == model).Select(v => new { v.Version, v.Stage }).ToListAsync(cancellationToken);
        if (versions.Count == 0) return (null, $"There is no model named '{model}', or it has no version.");
        return MonitoredVersion.Choose(model, versions.Select(x => (x.Version, x.Stage)), version);
    }

    /// <summary>The version's predictions made in [from, to) that have an outcome, each with its latest one.</summary>
    public async Task<List<LabelledRow>> LabelledAsync(string model, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var predictions = db.Predictions.AsNoTracking().Where(p => p.Model == model && p.Version == version && p.ServedBy != "shadow" && p.At >= from && p.At < to && p.Label != null);
        var byId = from p in predictions
                   join o in db.PredictionOutcomes on p.Id equals o.PredictionId
                   select new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id);
        var byRequest = from p in predictions
                        where p.RequestId != null
                        join o in db.PredictionOutcomes on p.RequestId equals o.RequestId
                        select new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id);
        var joined = (await byId.ToListAsync(cancellationToken)).Concat(await byRequest.ToListAsync(cancellationToken));
        return [.. joined.GroupBy(j => j.PredictionId)
            .Select(g => g.OrderByDescending(j => j.ReceivedAt).ThenByDescending(j => j.OutcomeId).First())
            .Select(j => new LabelledRow(j.PredictionId, j.At, j.Predicted, j.Confidence, j.ProbabilitiesJson, j.Truth, j.Segment))];
    }

    sealed record Joined(string PredictionId, DateTimeOffset At, string Predicted, double? Confidence, string? ProbabilitiesJson, string? Segment, string Truth,
        DateTimeOffset ReceivedAt, long OutcomeId);
}
