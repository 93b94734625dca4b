using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Scoring;

/// <summary>
/// Deletes predictions, shadow comparisons and outcomes older than <see cref="ScoringOptions.RetentionDays"/>, in
/// chunks so that a large backlog never holds the database in one long transaction. Safe to run on several servers at
/// once: a row deleted twice is simply gone.
/// </summary>
public sealed class PredictionRetentionJob(OpsDbContext db, IOptions<ScoringOptions> options, TimeProvider time, ILogger<PredictionRetentionJob> logger)
{
    public const string Id = "scoring-retention";
    const int Chunk = 5000;

    public async Task<(int Predictions, int Comparisons, int Outcomes)> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        int predictions = 0, comparisons = 0, outcomes = 0, deleted;
        do
        {
            var ids = db.Predictions.Where(p => p.At < cutoff).OrderBy(p => p.At).Select(p => p.Id).Take(Chunk);
            predictions += deleted = await db.Predictions.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        while (deleted == Chunk);
        do
        {
            var ids = db.ShadowComparisons.Where(c => c.At < cutoff).OrderBy(c => c.Id).Select(c => c.Id).Take(Chunk);
            comparisons += deleted = await db.ShadowComparisons.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        while (deleted == Chunk);
        do
        {
            var ids = db.PredictionOutcomes.Where(o => o.ReceivedAt < cutoff).OrderBy(o => o.Id).Select(o => o.Id).Take(Chunk);
            outcomes += deleted = await db.PredictionOutcomes.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        while (deleted == Chunk);
        ScoringLog.RetentionDone(logger, predictions, comparisons, outcomes, cutoff);
        return (predictions, comparisons, outcomes);
    }
}
