namespace OpsConsole.Monitoring;

/// <summary>
/// The kinds of serving error the console counts per model version and minute. A request that falls back is counted
/// twice on purpose: once for why the serving version failed (fault, timeout, unavailable, contract) and once for how
/// it ended (fallback served, or refused when nothing could serve).
/// </summary>
public static class ServiceErrorKinds
{
    /// <summary>One field of one record broke the data contract (counted per feature).</summary>
    public const string Violation = "violation";

    /// <summary>A request refused with 400 because its records broke the contract.</summary>
    public const string Rejected = "rejected";

    /// <summary>The model threw while running.</summary>
    public const string Fault = "fault";

    /// <summary>The model ran past the serving policy's timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The version could not be loaded (artifact missing or failing its SHA-256 check).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A fallback version could not take the records under its own contract.</summary>
    public const string Contract = "contract";

    /// <summary>A request answered by the previous production version or the default label.</summary>
    public const string Fallback = "fallback";

    /// <summary>A request nothing could serve (503).</summary>
    public const string Refused = "refused";

    /// <summary>How a request that went wrong ended: each such request is counted once in these, so they add up.</summary>
    public static readonly IReadOnlyList<string> OutcomeKinds = [Rejected, Fallback, Refused];

    /// <summary>Why the serving version failed a request that then fell back or was refused (a second count of those requests).</summary>
    public static readonly IReadOnlyList<string> CauseKinds = [Fault, Timeout, Unavailable, Contract];

    public static string Describe(string kind) => kind switch
    {
        Violation => "contract violations (fields)",
        Rejected => "rejected by contract",
        Fault => "model fault",
        Timeout => "timeout",
        Unavailable => "version unavailable",
        Contract => "fallback contract mismatch",
        Fallback => "fallback served",
        Refused => "refused (503)",
        _ => kind,
    };
}
