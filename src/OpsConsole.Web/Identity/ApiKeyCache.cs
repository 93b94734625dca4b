using System.Collections.Concurrent;

namespace OpsConsole.Identity;

/// <summary>What authentication needs of an active key: who it is, its role, and until when it may be used.</summary>
public sealed record CachedApiKey(long Id, string Name, string Role, DateTimeOffset? ExpiresAt, long ReadAt)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}

/// <summary>
/// Active API keys by hash, read from the database at most once per <see cref="Lifetime"/> per key, so a scoring call
/// does not pay for a database context and a tracked row on every request (docs/benchmarks.md). Revoking on this
/// server forgets the key at once; another server refuses it at the latest <see cref="Lifetime"/> later. Expiry is
/// checked on every request. Unknown, revoked and expired keys are never kept.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    readonly ConcurrentDictionary<string, CachedApiKey> _keys = new(StringComparer.Ordinal);
    long _revocations;

    /// <summary>Taken before reading a key from the database and handed to <see cref="Remember"/>.</summary>
    public long Revocations => Interlocked.Read(ref _revocations);

    public CachedApiKey? Find(string hash) =>
        _keys.TryGetValue(hash, out var key) && time.GetElapsedTime(key.ReadAt) < Lifetime ? key : null;

    /// <summary>
    /// Keeps an active key read while <see cref="Revocations"/> was <paramref name="revocationsBefore"/>. A revocation
    /// since then may be this very key, read just before it was revoked, so the row is used for this request only.
    /// </summary>
    public void Remember(string hash, ApiKey row, long revocationsBefore)
    {
        var key = new CachedApiKey(row.Id, row.Name, row.Role, row.ExpiresAt, time.GetTimestamp());
        _keys[hash] = key;
        if (Revocations != revocationsBefore) _keys.TryRemove(KeyValuePair.Create(hash, key));
    }

    public void Forget(string hash)
    {
        Interlocked.Increment(ref _revocations);
        _keys.TryRemove(hash, out _);
    }
}
