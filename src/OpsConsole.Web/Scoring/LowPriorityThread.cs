using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace OpsConsole.Scoring;

/// <summary>
/// Runs an async loop on a thread of its own whose scheduling priority is lowered (a higher nice value), with every
/// continuation of the loop's own awaits brought back to that thread. Background work that must not slow the request
/// path (the shadows) then takes only the CPU that requests leave: on Linux, a thread at nice 10 gets about a tenth of
/// a core that a nice-0 thread also wants, and all of it when nobody else does. .NET does not apply
/// <see cref="Thread.Priority"/> on Linux, and a thread-pool thread cannot be lowered (it serves everyone), hence the
/// dedicated thread. Work the loop awaits inside libraries that use <c>ConfigureAwait(false)</c> still runs on the pool.
/// </summary>
public static class LowPriorityThread
{
    /// <summary>The nice value background threads ask for; an unprivileged thread may always raise its own.</summary>
    public const int Niceness = 10;

    /// <summary>
    /// Starts <paramref name="loop"/> on a new thread named <paramref name="name"/>; the task ends when the loop does,
    /// with its outcome. <paramref name="lowered"/> is told whether the priority could be lowered (and why not).
    /// </summary>
    public static Task RunAsync(string name, Func<Task> loop, Action<bool, string?> lowered)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Pump(loop, lowered, finished)) { Name = name, IsBackground = true };
        thread.Start();
        return finished.Task;
    }

    static void Pump(Func<Task> loop, Action<bool, string?> lowered, TaskCompletionSource finished)
    {
        var (ok, reason) = LowerThisThread();
        lowered(ok, reason);
        var context = new Context();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var running = loop();
            running.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            if (running.Exception is { } failed) finished.TrySetException(failed.InnerExceptions);
            else if (running.IsCanceled) finished.TrySetCanceled();
            else finished.TrySetResult();
        }
        catch (Exception exception)   // the loop threw before its first await: report it as the loop's outcome
        {
            finished.TrySetException(exception);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    /// <summary>Raises the calling thread's nice value to <see cref="Niceness"/>; false with the reason where it cannot.</summary>
    public static (bool Lowered, string? Reason) LowerThisThread()
    {
        if (!OperatingSystem.IsLinux()) return (false, "thread priorities are only lowered on Linux");
        return LowerOnLinux();
    }

    [SupportedOSPlatform("linux")]
    static (bool, string?) LowerOnLinux()
    {
        try
        {
            // PRIO_PROCESS with a thread id applies to that one thread on Linux (threads are tasks to the scheduler).
            if (setpriority(PrioProcess, gettid(), Niceness) == 0) return (true, null);
            return (false, $"setpriority failed with errno {Marshal.GetLastPInvokeError()}");
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return (false, exception.Message);
        }
    }

    const int PrioProcess = 0;

    // Plain int arguments: DllImport needs no marshalling code here, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", SetLastError = true)]
    [SupportedOSPlatform("linux")]
    static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    [SupportedOSPlatform("linux")]
    static extern int gettid();

    // A single-threaded context: posted continuations queue up and run, in order, on the thread that pumps them.
    sealed class Context : SynchronizationContext
    {
        readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = [];

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _posted.Add((d, state));
            }
            catch (InvalidOperationException)   // posted after the loop ended (a late timer): run it anywhere
            {
                ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send is not supported on the low-priority thread.");

        public override SynchronizationContext CreateCopy() => this;

        public void Complete() => _posted.CompleteAdding();

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in _posted.GetConsumingEnumerable()) callback(state);
        }
    }
}
