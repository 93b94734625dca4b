using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsConsole.Identity;

/// <summary>
/// Authenticates <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c> (what Prometheus and Alertmanager can send).
/// The principal carries the key's role and a name of the form <c>api-key:name</c>. Active keys are kept in
/// <see cref="ApiKeyCache"/> for a few seconds, so most requests read no database row.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IDbContextFactory<OpsDbContext> factory, ApiKeyCache cache, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "opsconsole:api-key-id";
    static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public static bool HasCredentials(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        if (!ApiKeyToken.IsPlausible(key)) return AuthenticateResult.Fail("Malformed API key.");

        var hash = ApiKeyToken.Hash(key);
        var now = time.GetUtcNow();
        var known = cache.Find(hash) ?? await ReadAsync(hash, now);
        if (known is null || !known.IsActiveAt(now)) return AuthenticateResult.Fail("Unknown, revoked or expired API key.");

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "api-key:" + known.Id),
                new Claim(ClaimTypes.Name, "api-key:" + known.Name),
                new Claim(ClaimTypes.Role, known.Role),
                new Claim(KeyIdClaim, known.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // The database read behind the cache, at most once per key per ApiKeyCache.Lifetime: it also records when the key
    // was last used, which is therefore accurate to a minute and that lifetime.
    async Task<CachedApiKey?> ReadAsync(string hash, DateTimeOffset now)
    {
        var revocations = cache.Revocations;
        await using var db = await factory.CreateDbContextAsync(Context.RequestAborted);
        var row = await db.ApiKeys.SingleOrDefaultAsync(x => x.KeyHash == hash, Context.RequestAborted);
        if (row is null || !row.IsActiveAt(now)) return null;

        if (row.LastUsedAt is null || now - row.LastUsedAt > TouchInterval)
        {
            // Bookkeeping only: a busy database must not turn a valid key into a failed request.
            row.LastUsedAt = now;
            try
            {
                await db.SaveChangesAsync(Context.RequestAborted);
            }
            catch (DbUpdateException exception)
            {
                Logger.ApiKeyTouchFailed(exception, row.Id);
            }
        }
        cache.Remember(hash, row, revocations);
        return new CachedApiKey(row.Id, row.Name, row.Role, row.ExpiresAt, 0);
    }

    static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
