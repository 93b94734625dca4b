using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Scoring;

namespace OpsConsole.Monitoring;

public sealed record PerformanceView(string Model, int Version, DateTimeOffset From, DateTimeOffset To, PerformanceReport Report);

/// <summary>A logged prediction joined with its ground truth: the latest outcome received for it.</summary>
public sealed record LabelledRow(string PredictionId, DateTimeOffset At, string Predicted, double? Confidence, string? ProbabilitiesJson, string Truth, string? Segment);

/// <summary>
/// Realized performance once labels arrive: the window's predictions of a version joined with their outcomes by
/// prediction id or by request id. When a prediction has several outcomes, the latest received wins (a correction).
/// Shadow rows are left out. The join starts from whichever side is smaller (<see cref="OutcomeDrivenLimit"/>), so a
/// window without outcomes costs one indexed count. The coverage's denominator (the window's predictions) is counted from the minute rollups,
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

    /// <summary>
    /// Above this many candidate outcomes the join is driven from the window's predictions (one indexed lookup of
    /// outcomes per prediction); below it, from the outcomes (one primary-key or request-id lookup per outcome). Most
    /// windows have far fewer outcomes than predictions, often none, and then the log is never scanned.
    /// </summary>
    public const int OutcomeDrivenLimit = 20_000;

    const int LookupChunk = 500;

    /// <summary>
    /// The version's predictions made in [from, to) that have an outcome, each with its latest one. Only outcomes received
    /// since the window began (less the senders' allowed clock skew) are candidates: ground truth names a prediction
    /// already made, so an older outcome cannot belong to one in the window (and a request id reused later does not
    /// inherit a stale label).
    /// </summary>
    public async Task<List<LabelledRow>> LabelledAsync(string model, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken,
        int outcomeDrivenLimit = OutcomeDrivenLimit)
    {
        var since = from - IngestionRules.MaxClockSkew;
        var outcomes = db.PredictionOutcomes.AsNoTracking().Where(o => o.ReceivedAt >= since);
        var candidates = await outcomes.CountAsync(cancellationToken);
        if (candidates == 0) return [];
        var predictions = db.Predictions.AsNoTracking().Where(p => p.Model == model && p.Version == version && p.ServedBy != "shadow" && p.At >= from && p.At < to && p.Label != null);
        var joined = candidates <= outcomeDrivenLimit
            ? await FromOutcomesAsync(outcomes, predictions, cancellationToken)
            : await FromPredictionsAsync(outcomes, predictions, cancellationToken);
        return [.. joined.GroupBy(j => j.PredictionId)
            .Select(g => g.OrderByDescending(j => j.ReceivedAt).ThenByDescending(j => j.OutcomeId).First())
            .Select(j => new LabelledRow(j.PredictionId, j.At, j.Predicted, j.Confidence, j.ProbabilitiesJson, j.Truth, j.Segment))];
    }

    static async Task<List<Joined>> FromPredictionsAsync(IQueryable<PredictionOutcome> outcomes, IQueryable<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        var byId = from p in predictions
                   join o in outcomes on p.Id equals o.PredictionId
                   select new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id);
        var byRequest = from p in predictions
                        where p.RequestId != null
                        join o in outcomes on p.RequestId equals o.RequestId
                        select new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id);
        return [.. await byId.ToListAsync(cancellationToken), .. await byRequest.ToListAsync(cancellationToken)];
    }

    static async Task<List<Joined>> FromOutcomesAsync(IQueryable<PredictionOutcome> outcomes, IQueryable<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        var candidates = await outcomes.Select(o => new { o.Id, o.PredictionId, o.RequestId, o.Label, o.ReceivedAt }).ToListAsync(cancellationToken);
        var joined = new List<Joined>();
        foreach (var chunk in candidates.Where(o => o.PredictionId is not null).Select(o => o.PredictionId!).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            var found = await predictions.Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.At, p.Label, p.Confidence, p.ProbabilitiesJson, p.Segment }).ToListAsync(cancellationToken);
            var byId = found.ToDictionary(p => p.Id, StringComparer.Ordinal);
            joined.AddRange(candidates.Where(o => o.PredictionId is { } id && byId.ContainsKey(id)).Select(o =>
            {
                var p = byId[o.PredictionId!];
                return new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id);
            }));
        }
        foreach (var chunk in candidates.Where(o => o.RequestId is not null).Select(o => o.RequestId!).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            var found = await predictions.Where(p => p.RequestId != null && chunk.Contains(p.RequestId))
                .Select(p => new { p.Id, p.At, p.Label, p.Confidence, p.ProbabilitiesJson, p.Segment, RequestId = p.RequestId! }).ToListAsync(cancellationToken);
            var byRequest = found.ToLookup(p => p.RequestId, StringComparer.Ordinal);
            joined.AddRange(candidates.Where(o => o.RequestId is not null).SelectMany(o => byRequest[o.RequestId!].Select(p =>
                new Joined(p.Id, p.At, p.Label!, p.Confidence, p.ProbabilitiesJson, p.Segment, o.Label, o.ReceivedAt, o.Id))));
        }
        return joined;
    }

    sealed record Joined(string PredictionId, DateTimeOffset At, string Predicted, double? Confidence, string? ProbabilitiesJson, string? Segment, string Truth,
        DateTimeOffset ReceivedAt, long OutcomeId);
}
