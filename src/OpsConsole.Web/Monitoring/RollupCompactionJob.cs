using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Monitoring;

/// <summary>
/// Merges minute rollups older than <see cref="MonitoringOptions.MinuteRollupHours"/> into one cell per hour (model,
/// version, segment), so a week or a month reads a few thousand cells instead of tens of thousands. The hour cell is
/// the cell at the hour's first minute when there is one (same key, so a late prediction for that minute adds to it),
/// else a new one; a late prediction for another minute of a compacted hour makes a minute cell that the next run
/// merges in. Inside the transaction each hour's minute cells (the one kept as the hour cell too) are checked to still
/// hold the counts that were read; an hour that changed is left for the next run. On SQLite the transaction holds the
/// write lock from its start, so no write can land between that check and the delete; on SQL Server (read committed) a
/// write in that instant could still be folded away, the same open point as the rollup cell lock (operations.md §4).
/// </summary>
public sealed class RollupCompactionJob(OpsDbContext db, TimeProvider time, IOptions<MonitoringOptions> options)
{
    public const string Id = "monitoring-rollup-compaction";
    public const int CellsPerTransaction = 20_000;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = RollupKey.HourOf(now - TimeSpan.FromHours(options.Value.MinuteRollupHours));
        var compacted = 0;
        while (true)
        {
            var minutes = await db.PredictionRollups.Where(r => r.Minutes == 1 && r.MinuteStart < cutoff)
                .OrderBy(r => r.MinuteStart).Take(CellsPerTransaction).ToListAsync(cancellationToken);
            if (minutes.Count == 0) return compacted;
            var merged = await CompactAsync(minutes, cancellationToken);
            compacted += merged;
            db.ChangeTracker.Clear();
            if (merged == 0 || minutes.Count < CellsPerTransaction) return compacted;
        }
    }

    // One transaction for the batch; returns how many minute cells were folded into their hours.
    async Task<int> CompactAsync(List<PredictionRollup> minutes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var merged = 0;
        foreach (var hour in minutes.GroupBy(m => (m.Model, m.Version, m.Segment, Hour: RollupKey.HourOf(m.MinuteStart))))
        {
            var holder = await db.PredictionRollups.SingleOrDefaultAsync(r => r.Model == hour.Key.Model && r.Version == hour.Key.Version
                && r.Segment == hour.Key.Segment && r.MinuteStart == hour.Key.Hour && r.Minutes == 60, cancellationToken)
                ?? hour.FirstOrDefault(m => m.MinuteStart == hour.Key.Hour);
            var others = hour.Where(m => !ReferenceEquals(m, holder)).ToList();
            // Every minute cell read before the transaction (the kept one too) must still hold what was read.
            var read = hour.ToDictionary(m => m.Id, m => m.Count);
            var ids = read.Keys.ToList();
            var now = await db.PredictionRollups.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Count }).ToListAsync(cancellationToken);
            if (now.Count != read.Count || now.Any(u => read[u.Id] != u.Count)) continue;
            var cell = holder is null ? new RollupCell() : RollupMaintenance.Read(holder);
            foreach (var other in others) cell.Merge(RollupMaintenance.Read(other));
            if (holder is null)
            {
                holder = new PredictionRollup { Model = hour.Key.Model, Version = hour.Key.Version, Segment = hour.Key.Segment, MinuteStart = hour.Key.Hour };
                db.PredictionRollups.Add(holder);
            }
            holder.Minutes = 60;
            RollupMaintenance.Write(holder, cell);
            db.PredictionRollups.RemoveRange(others);
            merged += hour.Count();
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merged;
    }
}
