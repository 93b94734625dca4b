using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Review;

/// <summary>One flagged prediction waiting for a reviewer, with what the reviewer needs to judge it.</summary>
public sealed record QueueItem(string PredictionId, string Model, int Version, string? Segment, DateTimeOffset PredictedAt, string? Label, double? Confidence,
    IReadOnlyDictionary<string, double>? Probabilities, IReadOnlyDictionary<string, JsonElement> Features, IReadOnlyList<string> Labels,
    string Reason, int Flags, DateTimeOffset FirstFlaggedAt, string FlaggedBy);

public sealed record QueueView(int Pending, IReadOnlyList<QueueItem> Items);

/// <summary>
/// The review queue's flagged predictions: every prediction with a flag that no review has answered since (a review
/// settles the flags raised before it; a later flag reopens the prediction), oldest flag first, so nothing waits
/// forever behind newer work. Low-confidence, shadow-disagreement and audit samples are the queue's other sources,
/// still to come; flags are the one a person raised.
/// </summary>
public sealed class ReviewQueue(OpsDbContext db)
{
    public const int MaxTake = 200;

    public async Task<QueueView> PendingAsync(string? model, int take, CancellationToken cancellationToken)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var open = db.PredictionFlags.AsNoTracking()
            .Where(f => model == null || f.Model == model)
            .Where(f => !db.PredictionReviews.Any(r => r.PredictionId == f.PredictionId && r.ReviewedAt >= f.FlaggedAt))
            // A flag whose prediction the retention job has deleted cannot be judged any more; it leaves the queue with it.
            .Where(f => db.Predictions.Any(p => p.Id == f.PredictionId));
        var pending = await open.Select(f => f.PredictionId).Distinct().CountAsync(cancellationToken);
        var heads = await open.GroupBy(f => f.PredictionId).Select(g => new { Id = g.Key, First = g.Min(f => f.FlaggedAt), Count = g.Count() })
            .OrderBy(h => h.First).ThenBy(h => h.Id).Take(take).ToListAsync(cancellationToken);
        if (heads.Count == 0) return new QueueView(pending, []);

        var ids = heads.ConvertAll(h => h.Id);
        var flags = (await open.Where(f => ids.Contains(f.PredictionId)).Select(f => new { f.PredictionId, f.Id, f.Reason, f.FlaggedBy }).ToListAsync(cancellationToken))
            .GroupBy(f => f.PredictionId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.Id)!);
        var predictions = await db.Predictions.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Model, p.Version, p.Segment, p.At, p.Label, p.Confidence, p.ProbabilitiesJson, p.FeaturesJson })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var models = predictions.Values.Select(p => p.Model).Distinct().ToList();
        var labels = (await db.ModelVersions.AsNoTracking().Where(v => models.Contains(v.Model!.Name)).Select(v => new { Model = v.Model!.Name, v.Version, v.LabelsJson })
            .ToListAsync(cancellationToken)).ToDictionary(v => (v.Model, v.Version), v => (IReadOnlyList<string>)(RegistryJson.Read<List<string>>(v.LabelsJson) ?? []));

        var items = new List<QueueItem>(heads.Count);
        foreach (var head in heads)
        {
            // Each read is its own query: between them another reviewer may settle an item or retention delete it.
            if (!predictions.TryGetValue(head.Id, out var p) || !flags.TryGetValue(head.Id, out var flag)) continue;
            items.Add(new QueueItem(p.Id, p.Model, p.Version, p.Segment, p.At, p.Label, p.Confidence,
                p.ProbabilitiesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(p.ProbabilitiesJson),
                JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(p.FeaturesJson) ?? [],
                labels.GetValueOrDefault((p.Model, p.Version)) ?? [], flag.Reason, head.Count, head.First, flag.FlaggedBy));
        }
        return new QueueView(pending, items);
    }
}
