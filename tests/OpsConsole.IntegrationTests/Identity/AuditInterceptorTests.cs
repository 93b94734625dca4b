using Microsoft.EntityFrameworkCore;
using OpsConsole.Platform;

namespace OpsConsole.Identity;

/// <summary>The interceptor on a real SQLite file: entries land with their change, and a failed save leaves nothing behind.</summary>
public class AuditInterceptorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_added_row_is_audited_with_the_key_the_database_gave_it()
    {
        await using var db = Audited("ana@example.com");
        var row = new Notification { Title = "audited " + Guid.NewGuid(), CreatedAt = TestApp.Now, RecipientRole = Roles.Viewer };

        db.Notifications.Add(row);
        await db.SaveChangesAsync(Cancel);

        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == "Notification" && e.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel);
        Assert.Equal(("ana@example.com", AuditActions.Created), (entry.ActorName, entry.Action));
        Assert.Contains(row.Title, entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_concurrency_conflict_the_next_save_on_the_same_context_still_commits()
    {
        var userId = Guid.NewGuid().ToString();
        await using (var setup = Audited("setup"))
        {
            setup.Users.Add(new OpsUser { Id = userId, UserName = userId, Email = userId + "@example.com", DisplayName = "Before" });
            await setup.SaveChangesAsync(Cancel);
        }
        await using var db = Audited("first@example.com");
        var user = await db.Users.SingleAsync(u => u.Id == userId, Cancel);
        await using (var other = Audited("second@example.com"))
        {
            var same = await other.Users.SingleAsync(u => u.Id == userId, Cancel);
            same.DisplayName = "Changed elsewhere";
            same.ConcurrencyStamp = Guid.NewGuid().ToString();
            await other.SaveChangesAsync(Cancel);
        }

        user.DisplayName = "Stale write";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Cancel));
        db.Entry(user).State = EntityState.Unchanged;
        var note = new Notification { Title = "after conflict " + Guid.NewGuid(), CreatedAt = TestApp.Now, RecipientRole = Roles.Viewer };
        db.Notifications.Add(note);
        await db.SaveChangesAsync(Cancel);

        await using var check = database.Open();
        Assert.True(await check.Notifications.AnyAsync(n => n.Title == note.Title, Cancel));
        Assert.Equal("Changed elsewhere", (await check.Users.SingleAsync(u => u.Id == userId, Cancel)).DisplayName);
    }

    [Fact]
    public async Task A_save_that_fails_writes_no_audit_entry_and_a_later_save_works()
    {
        var name = Guid.NewGuid().ToString();
        await using var db = Audited("carol@example.com");
        db.Users.Add(new OpsUser { Id = name, UserName = name, Email = name, DisplayName = "One" });
        await db.SaveChangesAsync(Cancel);
        var before = await db.AuditEntries.CountAsync(e => e.ActorName == "carol@example.com", Cancel);

        db.ChangeTracker.Clear();
        db.Users.Add(new OpsUser { Id = name, UserName = "x" + name, Email = name, DisplayName = "Same key" });   // primary key taken
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
        db.ChangeTracker.Clear();
        db.Notifications.Add(new Notification { Title = "later " + name, CreatedAt = TestApp.Now, RecipientRole = Roles.Viewer });
        await db.SaveChangesAsync(Cancel);

        var after = await db.AuditEntries.Where(e => e.ActorName == "carol@example.com").Select(e => e.EntityType).ToListAsync(Cancel);
        Assert.Equal(before + 1, after.Count);
        Assert.Equal("Notification", after[^1]);
    }

    OpsDbContext Audited(string actor)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, database.ConnectionString).AddInterceptors(new AuditInterceptor(new FixedActor(actor), TimeProvider.System));
        return new OpsDbContext(options.Options);
    }

    sealed class FixedActor(string name) : IAuditActor
    {
        public string? Id => name;
        public string Name => name;
    }
}
