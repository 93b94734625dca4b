using Microsoft.ML.OnnxRuntime;

namespace OpsConsole.Scoring;

/// <summary>How one attempt to run a version ended.</summary>
public enum RunFailure { None, Fault, Timeout }

/// <summary>
/// Runs a version with a time limit. ONNX Runtime cannot be interrupted from outside a run except by the run's own
/// terminate flag, which its executor checks between nodes, so a timer sets that flag and the run ends with an error
/// we recognise as a timeout. Runs stay synchronous on the caller's thread: no thread hop on the hot path.
/// </summary>
public static class SessionRunner
{
    public static (IDisposableReadOnlyCollection<DisposableNamedOnnxValue>? Outputs, RunFailure Failure, string? Error) Run(
        HostedVersion hosted, IReadOnlyCollection<NamedOnnxValue> inputs, TimeSpan timeout, TimeProvider time)
    {
        using var options = new RunOptions();
        var gate = new object();
        bool finished = false, timedOut = false;
        // The lock keeps a late timer from touching the options once the run is over and they are being disposed.
        using var timer = time.CreateTimer(_ =>
        {
            lock (gate)
            {
                if (finished) return;
                timedOut = true;
                options.Terminate = true;
            }
        }, null, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            var outputs = hosted.Session.Run(inputs, hosted.Session.OutputNames, options);
            lock (gate) finished = true;
            return (outputs, RunFailure.None, null);
        }
        catch (OnnxRuntimeException exception)
        {
            bool wasTimeout;
            lock (gate)
            {
                finished = true;
                wasTimeout = timedOut;
            }
            return wasTimeout
                ? (null, RunFailure.Timeout, $"v{hosted.Version} did not answer within {timeout.TotalMilliseconds:0} ms.")
                : (null, RunFailure.Fault, $"v{hosted.Version} failed: {exception.Message}");
        }
    }
}
