namespace OpsConsole.Registry.Webhooks;

/// <summary>When a failed webhook delivery is tried again: doubling from 10 s, capped at an hour, given up after <see cref="MaxAttempts"/>.</summary>
public static class WebhookRetry
{
    public const int MaxAttempts = 8;

    static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>
    /// The wait after the <paramref name="failedAttempts"/>-th failure, or null once all attempts are spent. Eight attempts
    /// span about 21 minutes, long enough to ride out a receiver's deploy or restart.
    /// </summary>
    public static TimeSpan? DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts >= MaxAttempts) return null;
        var seconds = First.TotalSeconds * Math.Pow(2, failedAttempts - 1);
        return seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
    }
}
