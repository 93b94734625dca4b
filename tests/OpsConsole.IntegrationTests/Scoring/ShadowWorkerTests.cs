using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>The shadow worker runs on a low-priority thread of its own and still shadows every request it is given.</summary>
public class ShadowWorkerTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backlog_queued_before_start_is_shadowed_whole_and_stopping_writes_every_comparison_and_shadow_prediction()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var author = await EngineerAsync(app);
        (await StageAsync(author, model, 2, "shadow", "compare")).EnsureSuccessStatusCode();
        var requestId = "backlog-" + Guid.NewGuid().ToString("N");
        var metrics = app.Services.GetRequiredService<ScoringMetrics>();
        var queue = new ShadowQueue(Options.Create(new ScoringOptions()), metrics);
        // Comparisons gather for ten seconds, so only the stop can have written them when the test reads them.
        var worker = new ShadowWorker(queue, app.Services.GetRequiredService<ModelHost>(), app.Services.GetRequiredService<ServingDirectory>(),
            metrics, app.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new ScoringOptions { ShadowFlushMs = 10_000 }), TimeProvider.System, NullLogger<ShadowWorker>.Instance);
        for (var i = 0; i < 40; i++) queue.Offer(Work(model, requestId, i));

        await worker.StartAsync(Cancel);
        var deadline = TimeProvider.System.GetTimestamp();
        while ((queue.Pending > 0 || queue.PendingValues > 0) && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20)) await Task.Delay(20, Cancel);
        var stopping = TimeProvider.System.GetTimestamp();
        await worker.StopAsync(Cancel);
        var stopped = TimeProvider.System.GetElapsedTime(stopping);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var written = await db.ShadowComparisons.CountAsync(c => c.RequestId == requestId, Cancel);
        var predictions = await db.Predictions.Where(p => p.RequestId == requestId).Select(p => new { p.Version, p.ServedBy }).ToListAsync(Cancel);
        // The shadow's predictions are written by the worker beside the comparisons; they are not serving traffic, so no rollup counts them.
        var rolledUp = (await db.PredictionRollups.Where(r => r.Model == model && r.Version == 2).Select(r => r.Count).ToListAsync(Cancel)).Sum();
        Assert.Equal((0, 0L), (queue.Pending, queue.PendingValues));
        Assert.Equal(40, written);
        Assert.Equal(40, predictions.Count);
        Assert.All(predictions, p => Assert.Equal((2, "shadow"), (p.Version, p.ServedBy)));
        Assert.Equal(0, rolledUp);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully, $"The worker's loop ended {worker.ExecuteTask.Status}.");
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"Stopping took {stopped}.");
    }

    [Fact]
    public void The_shadow_worker_thread_runs_at_nice_10_on_Linux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread priorities are lowered on Linux only.");
        _ = app.Services.GetRequiredService<ShadowWorker>();   // the app, and so its worker, is started

        var nice = ThreadsNamed(ShadowWorker.ThreadName).Select(NiceOf).ToList();

        Assert.NotEmpty(nice);
        Assert.All(nice, n => Assert.Equal(LowPriorityThread.Niceness, n));
    }

    [Fact]
    public async Task After_shadowing_traffic_only_the_shadow_worker_runs_at_nice_10_and_its_writer_does_not()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread priorities are lowered on Linux only.");
        var model = await ServingModelAsync(app, more: 1);
        using var author = await EngineerAsync(app);
        (await StageAsync(author, model, 2, "shadow", "compare")).EnsureSuccessStatusCode();
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        // Concurrent requests make the pool grow while the worker is busy: a thread it made the pool create would
        // inherit its nice value and go on serving requests at low priority.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => ScoreOkAsync(client, model, Records(5), Cancel)));
        Assert.Equal(120, await WaitForCountAsync(app, db => db.ShadowComparisons.CountAsync(c => c.Model == model), 120, Cancel));

        var lowered = Directory.EnumerateDirectories("/proc/self/task")
            .Select(task => (Name: ReadOrEmpty(Path.Combine(task, "comm")).Trim(), Nice: NiceOrZero(task)))
            .Where(t => t.Nice != 0).ToList();
        var writers = ThreadsNamed(ShadowBatchWriter.ThreadName).Select(NiceOf).ToList();

        Assert.All(lowered, t => Assert.Equal((ShadowWorker.ThreadName, LowPriorityThread.Niceness), t));
        Assert.NotEmpty(writers);
        Assert.All(writers, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task A_low_priority_loop_continues_on_its_own_thread_after_every_await_and_reports_its_failure()
    {
        var threads = new List<int>();
        var caller = Environment.CurrentManagedThreadId;

        await LowPriorityThread.RunAsync("test-low-prio", async () =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Delay(10, Cancel);
            threads.Add(Environment.CurrentManagedThreadId);
            // A thread of its own rather than the pool: a pool thread created from here would inherit nice 10 (below).
            await Task.Factory.StartNew(() => { }, Cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            threads.Add(Environment.CurrentManagedThreadId);
        }, (_, _) => { });
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => LowPriorityThread.RunAsync("test-low-prio", async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }, (_, _) => { }));

        Assert.Equal(3, threads.Count);
        Assert.Single(threads.Distinct());
        Assert.NotEqual(caller, threads[0]);
        Assert.Equal("boom", failed.Message);
    }

    static ShadowWork Work(string model, string requestId, int i)
    {
        var record = new Dictionary<string, JsonElement>
        {
            ["a"] = JsonSerializer.SerializeToElement(i % 7 * 0.5), ["b"] = JsonSerializer.SerializeToElement(0.3), ["c"] = JsonSerializer.SerializeToElement(1.0),
        };
        return new ShadowWork(model, 1, [2], TestApp.Now, null, requestId, [record], null,
            [i.ToString("x32", CultureInfo.InvariantCulture)], [new RowPrediction("yes", null, 0.9, null)], ["{}"], 0.01);
    }

    static IEnumerable<string> ThreadsNamed(string name) =>
        Directory.EnumerateDirectories("/proc/self/task").Where(task => File.Exists(Path.Combine(task, "comm")) && ReadOrEmpty(Path.Combine(task, "comm")).Trim() == name);

    // Field 19 of /proc/<pid>/task/<tid>/stat; the name (field 2) is in parentheses and may hold spaces, so count after it.
    static int NiceOf(string task)
    {
        var stat = File.ReadAllText(Path.Combine(task, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }

    static int NiceOrZero(string task)
    {
        try
        {
            return NiceOf(task);
        }
        catch (IOException)   // the thread ended
        {
            return 0;
        }
    }

    // A thread may end between listing and reading.
    static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
