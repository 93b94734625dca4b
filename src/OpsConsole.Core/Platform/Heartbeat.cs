namespace OpsConsole.Platform;

/// <summary>How fresh the background-job heartbeat is, as the system page and the readiness report describe it.</summary>
public enum HeartbeatState { NeverSeen, Healthy, Late, Stopped }

/// <summary>Judges a heartbeat that should arrive every <c>period</c>.</summary>
public static class Heartbeat
{
    /// <summary>Late after two missed beats, stopped after five: one slow run is not an outage.</summary>
    public static HeartbeatState Judge(DateTimeOffset? lastBeatAt, TimeSpan period, DateTimeOffset now)
    {
        if (lastBeatAt is not { } last) return HeartbeatState.NeverSeen;
        var age = now - last;
        if (age <= period * 2) return HeartbeatState.Healthy;
        return age <= period * 5 ? HeartbeatState.Late : HeartbeatState.Stopped;
    }
}
