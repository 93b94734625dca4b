using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Identity;

public class AuditLogTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_key_is_audited_with_who_what_and_when_and_the_hash_is_masked()
    {
        var before = TestApp.Now.AddSeconds(-1);
        var name = "audited-" + Guid.NewGuid().ToString("N")[..8];
        var key = await app.CreateKeyAsync(name, Roles.Lead);
        using var admin = app.Admin();

        var page = await admin.GetFromJsonAsync<AuditPage>("/api/audit?entityType=ApiKey&actor=api-key:bootstrap&take=50", Cancel);
        var entry = page!.Items.Single(e => e.Changes.Contains(name, StringComparison.Ordinal));
        using var changes = JsonDocument.Parse(entry.Changes);

        Assert.Equal(AuditActions.Created, entry.Action);
        Assert.Equal("api-key:bootstrap", entry.ActorName);
        Assert.InRange(entry.At, before, TestApp.Now.AddSeconds(1));
        Assert.Equal(Roles.Lead, changes.RootElement.GetProperty("Role").GetString());
        Assert.Equal("***", changes.RootElement.GetProperty("KeyHash").GetString());
        Assert.DoesNotContain(ApiKeyToken.Hash(key), entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_is_audited_with_before_and_after_by_the_signed_in_admin()
    {
        var (adminId, adminEmail) = await app.CreateUserAsync(Roles.Admin);
        var (userId, _) = await app.CreateUserAsync(Roles.Viewer);
        using var browser = app.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await TestApp.SignInAsync(browser, adminEmail, TestApp.UserPassword)).StatusCode);

        (await browser.PutAsJsonAsync($"/api/users/{userId}/role", new { role = Roles.Engineer }, Cancel)).EnsureSuccessStatusCode();
        using var admin = app.Admin();
        var page = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?actor={Uri.EscapeDataString(adminEmail)}&take=50", Cancel);

        var roleEntries = page!.Items.Where(e => e.EntityType == "IdentityUserRole" && e.EntityId.StartsWith(userId, StringComparison.Ordinal)).ToList();
        Assert.Contains(roleEntries, e => e.Action == AuditActions.Deleted && e.EntityId == $"{userId},{Roles.Viewer}");
        Assert.Contains(roleEntries, e => e.Action == AuditActions.Created && e.EntityId == $"{userId},{Roles.Engineer}");
        Assert.All(page.Items, e => Assert.Equal(adminId, e.ActorId));
        var stamp = page.Items.First(e => e.EntityType == "OpsUser" && e.EntityId == userId && e.Action == AuditActions.Updated);
        using var changes = JsonDocument.Parse(stamp.Changes);
        Assert.Equal("***", changes.RootElement.GetProperty("SecurityStamp").GetProperty("before").GetString());
    }

    [Fact]
    public async Task The_audit_log_filters_by_time_window()
    {
        await app.CreateKeyAsync("window-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        using var admin = app.Admin();
        var future = Uri.EscapeDataString(TestApp.Now.AddHours(1).ToString("O"));
        var later = Uri.EscapeDataString(TestApp.Now.AddHours(2).ToString("O"));

        var page = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?from={future}&to={later}", Cancel);

        Assert.Equal(0, page!.Total);
    }

    [Fact]
    public async Task A_backwards_time_window_is_a_validation_problem()
    {
        using var admin = app.Admin();

        var response = await admin.GetAsync("/api/audit?from=2026-12-02T00:00Z&to=2026-12-01T00:00Z&take=0", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"from\"", body, StringComparison.Ordinal);
        Assert.Contains("\"take\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_job_removes_only_old_entries_and_records_that_it_did()
    {
        var marker = "ancient-" + Guid.NewGuid().ToString("N");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            db.AuditEntries.AddRange(
                new AuditEntry { At = TestApp.Now.AddDays(-5000), ActorName = "test", EntityType = "Test", EntityId = marker, Action = AuditActions.Created },
                new AuditEntry { At = TestApp.Now.AddDays(-1), ActorName = "test", EntityType = "Test", EntityId = marker, Action = AuditActions.Updated });
            await db.SaveChangesAsync(Cancel);
        }

        int removed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().RunAsync(Cancel);
        }

        await using var check = app.Services.CreateAsyncScope();
        var left = await check.ServiceProvider.GetRequiredService<OpsDbContext>().AuditEntries.AsNoTracking().Where(e => e.EntityId == marker).ToListAsync(Cancel);
        var purge = await check.ServiceProvider.GetRequiredService<OpsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ActorName == "system:audit-retention").OrderByDescending(e => e.Id).FirstAsync(Cancel);
        Assert.True(removed >= 1);
        Assert.Equal([AuditActions.Updated], left.Select(e => e.Action));
        Assert.Contains($"\"removed\":{removed}", purge.Changes, StringComparison.Ordinal);
    }
}
