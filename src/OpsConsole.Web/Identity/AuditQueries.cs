using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Identity;

/// <summary>Filters for the audit log; every one is optional.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? EntityId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>One audit entry as the audit page and <c>GET /api/audit</c> show it.</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string? ActorId, string ActorName, string EntityType, string EntityId, string Action, string Changes);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, int Total);

/// <summary>Reads the audit log newest first, in pages, on the indexes of <see cref="AuditEntryConfiguration"/>.</summary>
public sealed class AuditQueries(IDbContextFactory<OpsDbContext> factory)
{
    public const int MaxPageSize = 500;

    public async Task<AuditPage> PageAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(x => x.ActorName.Contains(filter.Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(x => x.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(x => x.EntityId == filter.EntityId.Trim());
        if (filter.From is { } from) query = query.Where(x => x.At >= from);
        if (filter.To is { } to) query = query.Where(x => x.At < to);

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(x => new AuditEntryView(x.Id, x.At, x.ActorId, x.ActorName, x.EntityType, x.EntityId, x.Action, x.Changes))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(x => x.EntityType).Distinct().OrderBy(x => x).ToListAsync(cancellationToken);
    }
}
