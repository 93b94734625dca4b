namespace OpsConsole.Registry;

/// <summary>One entry of the append-only promotion log, reduced to what history questions need.</summary>
public sealed record StageTransition(DateTimeOffset At, int Version, ModelStage From, ModelStage To, bool IsRollback = false);

/// <summary>Answers "which version served production at time T" and "what do we roll back to" from the promotion log.</summary>
public static class ProductionHistory
{
    /// <summary>The production version at <paramref name="at"/>, or null when none served then.</summary>
    public static int? At(IEnumerable<StageTransition> log, DateTimeOffset at)
    {
        int? holder = null;
        foreach (var entry in log.Where(e => e.At <= at).OrderBy(e => e.At))
        {
            if (entry.To == ModelStage.Production) holder = entry.Version;
            else if (entry.From == ModelStage.Production && holder == entry.Version) holder = null;
        }
        return holder;
    }

    /// <summary>
    /// The most recent earlier production version to return to: never the current one, never one in
    /// <paramref name="unusable"/> (broken artifacts), and never one that was itself rolled back from, so a second
    /// rollback goes further back instead of flipping between the last two versions. Null when there is none.
    /// </summary>
    public static int? RollbackTarget(IEnumerable<StageTransition> log, int? current, IReadOnlySet<int> unusable)
    {
        var entries = log.ToList();
        // A version counts as rolled back from only if its latest exit from production was a rollback: one that was
        // rolled back once and later promoted again and replaced in the ordinary way is a fair target again.
        var rolledBackFrom = entries.Where(e => e.From == ModelStage.Production).OrderBy(e => e.At).GroupBy(e => e.Version)
            .Where(g => g.Last().IsRollback).Select(g => g.Key).ToHashSet();
        var promotions = entries.Where(e => e.To == ModelStage.Production).OrderByDescending(e => e.At).ToList();
        // Only versions that served before the current holder's latest promotion count as "previous".
        var start = current is null ? 0 : promotions.FindIndex(e => e.Version == current) + 1;
        return promotions.Skip(start).Select(e => (int?)e.Version)
            .FirstOrDefault(v => v != current && !unusable.Contains(v!.Value) && !rolledBackFrom.Contains(v.Value));
    }
}
