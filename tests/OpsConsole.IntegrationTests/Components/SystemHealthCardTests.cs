using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OpsConsole.Dashboards;
using OpsConsole.Platform;

namespace OpsConsole.Components;

public class SystemHealthCardTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_card_turns_to_needs_attention_when_jobs_stop_beating_and_back_on_the_next_beat()
    {
        var start = DateTimeOffset.Parse("2026-12-01T12:00:00Z", CultureInfo.InvariantCulture);
        var time = new FakeTimeProvider(start);
        await using (var db = database.Open())
        {
            db.JobHeartbeats.RemoveRange(db.JobHeartbeats);
            db.JobHeartbeats.Add(new JobHeartbeat { JobId = HeartbeatJob.Id, ServerName = "node-a", LastBeatAt = start, Beats = 1 });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddLogging().AddSingleton<TimeProvider>(time).AddSingleton<LiveEvents>();
        ctx.Services.AddScoped<SystemStatusQueries>().AddScoped<BrowserTimeZone>();
        ctx.Services.AddOptions<JobsOptions>().Configure(o => o.HeartbeatSeconds = 30);
        ctx.Services.AddOptions<DatabaseOptions>();
        ctx.Services.AddOptions<StorageOptions>();
        database.AddTo(ctx.Services);

        var card = ctx.Render<SystemHealthCard>();
        card.WaitForAssertion(() => Assert.Equal("All systems normal", card.Find("#system-health-summary").TextContent));

        time.Advance(TimeSpan.FromMinutes(10));
        await ctx.Services.GetRequiredService<LiveEvents>().PublishAsync(new HeartbeatRecorded("other-job", time.GetUtcNow(), "node-b"));
        card.WaitForAssertion(() => Assert.Equal("Needs attention", card.Find("#system-health-summary").TextContent));
        Assert.Equal("stopped", card.Find("#heartbeat-state").TextContent);

        await using (var db = database.Open())
        {
            var row = db.JobHeartbeats.Single(x => x.JobId == HeartbeatJob.Id);
            row.LastBeatAt = time.GetUtcNow();
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await ctx.Services.GetRequiredService<LiveEvents>().PublishAsync(new HeartbeatRecorded(HeartbeatJob.Id, time.GetUtcNow(), "node-a"));
        card.WaitForAssertion(() => Assert.Equal("All systems normal", card.Find("#system-health-summary").TextContent));
    }
}
