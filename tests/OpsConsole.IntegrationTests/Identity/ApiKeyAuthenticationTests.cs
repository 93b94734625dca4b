using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Identity;

public class ApiKeyAuthenticationTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_works_in_the_X_Api_Key_header_and_as_a_bearer_token_with_its_role()
    {
        var key = await app.CreateKeyAsync("prometheus-" + Guid.NewGuid().ToString("N")[..8], Roles.Engineer);
        using var header = app.WithKey(key);
        using var bearer = app.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var viaHeader = await header.GetFromJsonAsync<MeView>("/api/me", Cancel);
        var viaBearer = await bearer.GetFromJsonAsync<MeView>("/api/me", Cancel);

        Assert.Equal(Roles.Engineer, viaHeader!.Role);
        Assert.Equal(Roles.Engineer, viaBearer!.Role);
        Assert.StartsWith("api-key:prometheus-", viaHeader.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_hash_of_a_key_is_stored_and_the_list_never_shows_the_key()
    {
        var name = "ci-" + Guid.NewGuid().ToString("N")[..8];
        var key = await app.CreateKeyAsync(name, Roles.Viewer);
        using var admin = app.Admin();

        var listed = await admin.GetStringAsync("/api/api-keys", Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().ApiKeys.SingleAsync(k => k.Name == name, Cancel);
        // Every byte the database holds, main file and write-ahead log, searched for the secret part of the key.
        var secret = System.Text.Encoding.UTF8.GetBytes(key[10..]);
        var files = Directory.GetFiles(app.DataDirectory, "opsconsole.db*");
        var leaks = files.Where(f => ReadShared(f).AsSpan().IndexOf(secret) >= 0).ToList();

        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(ApiKeyToken.Hash(key), row.KeyHash);
        Assert.NotEmpty(files);
        Assert.Empty(leaks);
    }

    static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_revoked_key_gets_401_from_its_next_request()
    {
        var key = await app.CreateKeyAsync("revoke-me", Roles.Viewer);
        using var client = app.WithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Cancel)).StatusCode);
        using var admin = app.Admin();
        var keys = await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/api-keys", Cancel);
        var id = keys!.Single(k => k.DisplayPrefix == ApiKeyToken.DisplayPrefix(key)).Id;

        var revoked = await admin.DeleteAsync($"/api/api-keys/{id}", Cancel);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var name = "expiring-" + Guid.NewGuid().ToString("N")[..8];
        var key = await app.CreateKeyAsync(name, Roles.Viewer, TestApp.Now.AddDays(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var row = await db.ApiKeys.SingleAsync(k => k.Name == name, Cancel);
            row.ExpiresAt = TestApp.Now.AddMinutes(-1);
            await db.SaveChangesAsync(Cancel);
        }
        using var client = app.WithKey(key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("opc_this-key-was-never-issued-by-the-console-x")]
    [InlineData("tiny")]
    public async Task An_unknown_or_malformed_key_gets_401_with_problem_details(string key)
    {
        using var client = app.WithKey(key);

        var response = await client.GetAsync("/api/me", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used_without_auditing_each_use()
    {
        var name = "touch-" + Guid.NewGuid().ToString("N")[..8];
        var key = await app.CreateKeyAsync(name, Roles.Viewer);
        using var client = app.WithKey(key);

        await client.GetAsync("/api/me", Cancel);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == name, Cancel);
        Assert.NotNull(row.LastUsedAt);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "ApiKey" && e.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync(Cancel);
        Assert.Equal([AuditActions.Created], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task The_bootstrap_key_from_configuration_acts_as_admin()
    {
        using var admin = app.Admin();

        var me = await admin.GetFromJsonAsync<MeView>("/api/me", Cancel);

        Assert.Equal(Roles.Admin, me!.Role);
        Assert.Equal("api-key:bootstrap", me.Name);
    }
}
