namespace OpsConsole.Alerting;

/// <summary>
/// Prometheus's alerting-rule semantics for one alert, evaluation by evaluation (what its rule manager does per series):
/// <list type="bullet">
/// <item>inactive → pending when the condition first holds (<c>activeAt</c> = now); with <c>for</c> = 0 it fires in the same evaluation;</item>
/// <item>pending → firing once the condition has held for <c>for</c> (now − activeAt ≥ for);</item>
/// <item>a pending alert whose condition fails is dropped, and its clock starts again the next time it holds;</item>
/// <item>a firing alert whose condition fails stays firing while now − keepFiringSince &lt; <c>keep_firing_for</c>, where
/// keepFiringSince is the first failing evaluation; when the condition holds again that mark is cleared; then it resolves.</item>
/// </list>
/// Pure: the caller keeps the state, and evaluating twice at the same time with the same answer changes nothing more,
/// which is what makes a doubled evaluation harmless.
/// </summary>
public static class AlertStateMachine
{
    public static (AlertState State, AlertTransition Transition) Evaluate(AlertState state, AlertTiming timing, DateTimeOffset now, bool holds)
    {
        if (!holds)
        {
            return state.Phase switch
            {
                AlertPhase.Pending => (AlertState.Inactive with { ResolvedAt = state.ResolvedAt }, AlertTransition.PendingDropped),
                AlertPhase.Firing => Failing(state, timing, now),
                _ => (state, AlertTransition.None),
            };
        }
        return state.Phase switch
        {
            AlertPhase.Inactive => Pend(state, timing, now),
            AlertPhase.Pending when now - state.ActiveAt!.Value >= timing.For => (state with { Phase = AlertPhase.Firing, FiredAt = now }, AlertTransition.Fired),
            AlertPhase.Pending => (state, AlertTransition.None),
            _ => (state with { KeepFiringSince = null }, AlertTransition.StillFiring),
        };
    }

    static (AlertState, AlertTransition) Pend(AlertState state, AlertTiming timing, DateTimeOffset now)
    {
        var pending = new AlertState(AlertPhase.Pending, ActiveAt: now, ResolvedAt: state.ResolvedAt);
        return timing.For <= TimeSpan.Zero
            ? (pending with { Phase = AlertPhase.Firing, FiredAt = now }, AlertTransition.Fired)
            : (pending, AlertTransition.BecamePending);
    }

    static (AlertState, AlertTransition) Failing(AlertState state, AlertTiming timing, DateTimeOffset now)
    {
        var since = state.KeepFiringSince ?? now;
        if (timing.KeepFiringFor > TimeSpan.Zero && now - since < timing.KeepFiringFor)
            return (state with { KeepFiringSince = since }, AlertTransition.KeptFiring);
        return (new AlertState(AlertPhase.Inactive, ResolvedAt: now), AlertTransition.Resolved);
    }
}
