using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace OpsConsole.Identity;

/// <summary>Active keys are remembered for a few seconds; revocation on this server and expiry apply at once.</summary>
public class ApiKeyCacheTests(TestApp app)
{
    static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static ApiKey Row(DateTimeOffset? expiresAt = null) =>
        new() { Id = 7, Name = "ci", KeyHash = "h", DisplayPrefix = "opc_ci", Role = Roles.Viewer, CreatedBy = "admin", ExpiresAt = expiresAt };

    [Fact]
    public void A_remembered_key_is_found_until_its_lifetime_ends_and_then_read_again()
    {
        var clock = new FakeTimeProvider(Noon);
        var cache = new ApiKeyCache(clock);
        cache.Remember("h", Row(), cache.Revocations);

        var fresh = cache.Find("h");
        clock.Advance(ApiKeyCache.Lifetime);

        Assert.Equal((7L, Roles.Viewer), (fresh!.Id, fresh.Role));
        Assert.Null(cache.Find("h"));
    }

    [Fact]
    public void A_key_read_before_a_revocation_is_not_remembered_after_it()
    {
        var cache = new ApiKeyCache(new FakeTimeProvider(Noon));
        var before = cache.Revocations;

        cache.Forget("h");   // revoked while the row was being read
        cache.Remember("h", Row(), before);

        Assert.Null(cache.Find("h"));
    }

    [Fact]
    public void A_remembered_key_past_its_expiry_is_inactive()
    {
        var cache = new ApiKeyCache(new FakeTimeProvider(Noon));
        cache.Remember("h", Row(expiresAt: Noon.AddSeconds(1)), cache.Revocations);

        Assert.True(cache.Find("h")!.IsActiveAt(Noon));
        Assert.False(cache.Find("h")!.IsActiveAt(Noon.AddSeconds(1)));
    }

    [Fact]
    public async Task A_key_used_many_times_is_refused_on_the_first_request_after_it_is_revoked()
    {
        var key = await app.CreateKeyAsync("cached-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        using var client = app.WithKey(key);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Cancel)).StatusCode);
        using var admin = app.Admin();
        var keys = await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/api-keys", Cancel);
        var id = keys!.Single(k => k.DisplayPrefix == ApiKeyToken.DisplayPrefix(key)).Id;

        (await admin.DeleteAsync($"/api/api-keys/{id}", Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Cancel)).StatusCode);
    }
}
