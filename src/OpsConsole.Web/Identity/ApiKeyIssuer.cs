using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Identity;

/// <summary>Issues, lists and revokes API keys; the API keys page and the API share it.</summary>
public sealed class ApiKeyIssuer(IDbContextFactory<OpsDbContext> factory, ApiKeyCache cache, Platform.HubConnections hubs, TimeProvider time)
{
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().OrderByDescending(x => x.CreatedAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows.ConvertAll(r => ApiKeyView.From(r, now));
    }

    public async Task<(CreatedApiKeyView? Created, Dictionary<string, string[]> Errors)> CreateAsync(
        NewApiKey input, string createdBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = ApiKeyRules.Check(input, now);
        if (errors.Count > 0) return (null, errors);

        var key = ApiKeyToken.FromRandomBytes(RandomNumberGenerator.GetBytes(32));
        var row = new ApiKey
        {
            Name = input.Name!.Trim(),
            KeyHash = ApiKeyToken.Hash(key),
            DisplayPrefix = ApiKeyToken.DisplayPrefix(key),
            Role = input.Role!,
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = input.ExpiresAt,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (new CreatedApiKeyView(ApiKeyView.From(row, now), key), []);
    }

    /// <summary>
    /// Revokes a key: the next request to this server that presents it gets 401, and any request to another server at
    /// most <see cref="ApiKeyCache.Lifetime"/> later. Revoking twice is harmless.
    /// </summary>
    public async Task<ApiKeyView?> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (row is null) return null;
        var now = time.GetUtcNow();
        if (row.RevokedAt is null)
        {
            row.RevokedAt = now;
            row.RevokedBy = revokedBy;
            await db.SaveChangesAsync(cancellationToken);
            cache.Forget(row.KeyHash);   // this server refuses it from the next request; others within ApiKeyCache.Lifetime
            hubs.Disconnect("api-key:" + row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));   // the key's NameIdentifier
        }
        return ApiKeyView.From(row, now);
    }
}
