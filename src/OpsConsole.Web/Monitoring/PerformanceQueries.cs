using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

public sealed record PerformanceView(string Model, int Version, DateTimeOffset From, DateTimeOffset To, PerformanceReport Report);

/// <summary>
/// Realized performance once labels arrive: the window's predictions of a version joined with their outcomes by
/// prediction id or by request id. When a prediction has several outcomes, the latest received wins (a correction).
/// Shadow rows are left out.
/// </summary>
public sealed class PerformanceQueries(OpsDbContext db)
{
    public async Task<(PerformanceView? View, string? Problem)> ForAsync(string model, int? version, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.Model!.Name == model).Select(v => new { v.Version, v.Stage }).ToListAsync(cancellationToken);
        if (versions.Count == 0) return (null, $"There is no model named '{model}', or it has no version.");
        var (chosen, missing) = MonitoredVersion.Choose(model, versions.Select(x => (x.Version, x.Stage)), version);
        if (chosen is not { } v) return (null, missing);

        var from = now - window;
        var predictions = db.Predictions.AsNoTracking().Where(p => p.Model == model && p.Version == v && p.ServedBy != "shadow" && p.At >= from && p.At < now);
        var total = await predictions.LongCountAsync(cancellationToken);
        var byId = await (from p in predictions
                          join o in db.PredictionOutcomes on p.Id equals o.PredictionId
                          select new Joined(p.Id, p.Label, p.ProbabilitiesJson, o.Label, o.ReceivedAt, o.Id)).ToListAsync(cancellationToken);
        var byRequest = await (from p in predictions
                               where p.RequestId != null
                               join o in db.PredictionOutcomes on p.RequestId equals o.RequestId
                               select new Joined(p.Id, p.Label, p.ProbabilitiesJson, o.Label, o.ReceivedAt, o.Id)).ToListAsync(cancellationToken);
        var labelled = byId.Concat(byRequest).Where(j => j.Predicted is not null)
            .GroupBy(j => j.PredictionId)
            .Select(g => g.OrderByDescending(j => j.ReceivedAt).ThenByDescending(j => j.OutcomeId).First())
            .Select(j => new LabelledPrediction(j.Predicted!, j.Truth, j.ProbabilitiesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(j.ProbabilitiesJson)))
            .ToList();
        return (new PerformanceView(model, v, from, now, PerformanceReport.Compute(total, labelled)), null);
    }

    sealed record Joined(string PredictionId, string? Predicted, string? ProbabilitiesJson, string Truth, DateTimeOffset ReceivedAt, long OutcomeId);
}
