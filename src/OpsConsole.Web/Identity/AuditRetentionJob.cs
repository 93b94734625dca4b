using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Identity;

/// <summary>
/// Daily: removes audit entries older than <see cref="AuditOptions.RetentionDays"/>, in batches, and records the purge
/// itself as an audit entry so the log shows that it was trimmed, when and how far.
/// </summary>
public sealed class AuditRetentionJob(OpsDbContext db, AuditActor actor, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditRetentionJob> logger)
{
    public const string Id = "audit-retention";
    const int BatchSize = 1000;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        actor.UseSystem("system:" + Id);
        var days = options.Value.RetentionDays;
        var cutoff = time.GetUtcNow().AddDays(-days);
        var removed = 0;
        while (true)
        {
            // Audit rows are deleted with ExecuteDelete on purpose: deleting them through the tracker would audit each deletion.
            var ids = await db.AuditEntries.Where(x => x.At < cutoff).OrderBy(x => x.Id).Select(x => x.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            removed += await db.AuditEntries.Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        if (removed > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                ActorName = actor.Name,
                EntityType = nameof(AuditEntry),
                EntityId = "*",
                Action = AuditActions.Deleted,
                Changes = $$"""{"removed":{{removed}},"olderThan":"{{cutoff:O}}"}""",
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.AuditPruned(removed, days);
        }
        return removed;
    }
}
