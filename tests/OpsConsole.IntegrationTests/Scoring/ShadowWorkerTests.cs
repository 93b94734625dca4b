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
    public async Task A_backlog_queued_before_start_is_shadowed_whole_and_stopping_writes_every_comparison()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var author = await EngineerAsync(app);
        (await StageAsync(author, model, 2, "shadow", "compare")).EnsureSuccessStatusCode();
        var requestId = "backlog-" + Guid.NewGuid().ToString("N");
        var metrics = app.Services.GetRequiredService<ScoringMetrics>();
        var queue = new ShadowQueue(Options.Create(new ScoringOptions()), metrics);
        // Comparisons gather for ten seconds, so only the stop can have written them when the test reads them.
        var worker = new ShadowWorker(queue, app.Services.GetRequiredService<ModelHost>(), app.Services.GetRequiredService<ServingDirectory>(),
            app.Services.GetRequiredService<PredictionLogWriter>(), metrics, app.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new ScoringOptions { ShadowFlushMs = 10_000 }), TimeProvider.System, NullLogger<ShadowWorker>.Instance);
        for (var i = 0; i < 40; i++) queue.Offer(Work(model, requestId, i));

        await worker.StartAsync(Cancel);
        var deadline = TimeProvider.System.GetTimestamp();
        while ((queue.Pending > 0 || queue.PendingValues > 0) && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20)) await Task.Delay(20, Cancel);
        var stopping = TimeProvider.System.GetTimestamp();
        await worker.StopAsync(Cancel);
        var stopped = TimeProvider.System.GetElapsedTime(stopping);

        await using var scope = app.Services.CreateAsyncScope();
        var written = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().ShadowComparisons.CountAsync(c => c.RequestId == requestId, Cancel);
        Assert.Equal((0, 0L), (queue.Pending, queue.PendingValues));
        Assert.Equal(40, written);
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
    public async Task A_low_priority_loop_continues_on_its_own_thread_after_every_await_and_reports_its_failure()
    {
        var threads = new List<int>();
        var caller = Environment.CurrentManagedThreadId;

        await LowPriorityThread.RunAsync("test-low-prio", async () =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Delay(10, Cancel);
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Run(() => { }, Cancel);
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
