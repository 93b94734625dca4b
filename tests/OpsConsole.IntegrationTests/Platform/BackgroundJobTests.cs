using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpsConsole.Platform;

public class BackgroundJobTests(TestApp app)
{
    [Fact]
    public async Task The_heartbeat_runs_on_real_hangfire_and_the_count_goes_up()
    {
        var cancel = TestContext.Current.CancellationToken;
        var before = await BeatsAsync(cancel);

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(HeartbeatJob.Id);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await BeatsAsync(cancel) <= before)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The heartbeat job did not run within 20 s.");
            await Task.Delay(100, cancel);
        }
    }

    async Task<int> BeatsAsync(CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        return await db.JobHeartbeats.AsNoTracking().Where(x => x.JobId == HeartbeatJob.Id).Select(x => x.Beats).SingleOrDefaultAsync(cancellationToken);
    }
}
