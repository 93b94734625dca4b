namespace OpsConsole.Alerting;

/// <summary>Prometheus's pending/firing/keep-firing semantics on worked traces, one evaluation every 15 s.</summary>
public class AlertStateMachineTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    static DateTimeOffset At(int evaluation) => T0.AddSeconds(15 * evaluation);

    // Runs a trace of condition answers and returns the transition of each evaluation and the final state.
    static (List<AlertTransition> Transitions, AlertState State) Run(AlertTiming timing, params bool[] holds)
    {
        var state = AlertState.Inactive;
        var transitions = new List<AlertTransition>();
        for (var i = 0; i < holds.Length; i++)
        {
            (state, var transition) = AlertStateMachine.Evaluate(state, timing, At(i), holds[i]);
            transitions.Add(transition);
        }
        return (transitions, state);
    }

    [Fact]
    public void With_for_one_minute_the_alert_pends_then_fires_on_the_evaluation_a_minute_after_it_first_held()
    {
        var (transitions, state) = Run(new AlertTiming(TimeSpan.FromMinutes(1), TimeSpan.Zero), false, true, true, true, true, true, true);

        Assert.Equal([AlertTransition.None, AlertTransition.BecamePending, AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.Fired, AlertTransition.StillFiring], transitions);
        Assert.Equal((AlertPhase.Firing, At(1), At(5)), (state.Phase, state.ActiveAt, state.FiredAt));
    }

    [Fact]
    public void A_condition_that_fails_while_pending_drops_the_alert_and_the_for_clock_starts_again()
    {
        // Holds for 45 s, fails once, then holds again: it must hold a full minute from the second start.
        var (transitions, state) = Run(new AlertTiming(TimeSpan.FromMinutes(1), TimeSpan.Zero), true, true, true, true, false, true, true, true, true, true);

        Assert.Equal(AlertTransition.PendingDropped, transitions[4]);
        Assert.Equal(AlertTransition.BecamePending, transitions[5]);
        Assert.Equal(AlertTransition.Fired, transitions[9]);   // 60 s after evaluation 5, not after evaluation 0
        Assert.DoesNotContain(AlertTransition.Fired, transitions.Take(9));
        Assert.Equal(At(5), state.ActiveAt);
    }

    [Fact]
    public void With_for_zero_the_alert_fires_on_the_first_evaluation_that_holds_and_resolves_on_the_first_that_fails()
    {
        var (transitions, state) = Run(AlertTiming.Immediate, true, true, false);

        Assert.Equal([AlertTransition.Fired, AlertTransition.StillFiring, AlertTransition.Resolved], transitions);
        Assert.Equal((AlertPhase.Inactive, At(2)), (state.Phase, state.ResolvedAt));
    }

    [Fact]
    public void Keep_firing_holds_a_firing_alert_for_its_duration_from_the_first_failing_evaluation_then_resolves()
    {
        // Fires at 0; fails from evaluation 2 on; keep-firing 30 s: still firing at 2 (0 s) and 3 (15 s), resolved at 4 (30 s).
        var (transitions, state) = Run(new AlertTiming(TimeSpan.Zero, TimeSpan.FromSeconds(30)), true, true, false, false, false);

        Assert.Equal([AlertTransition.Fired, AlertTransition.StillFiring, AlertTransition.KeptFiring, AlertTransition.KeptFiring, AlertTransition.Resolved], transitions);
        Assert.Equal(At(4), state.ResolvedAt);
    }

    [Fact]
    public void A_condition_that_holds_again_during_keep_firing_clears_the_mark_so_the_next_failure_starts_a_fresh_wait()
    {
        var timing = new AlertTiming(TimeSpan.Zero, TimeSpan.FromSeconds(30));

        var (transitions, state) = Run(timing, true, false, false, true, false, false, false);

        Assert.Equal([AlertTransition.Fired, AlertTransition.KeptFiring, AlertTransition.KeptFiring, AlertTransition.StillFiring,
            AlertTransition.KeptFiring, AlertTransition.KeptFiring, AlertTransition.Resolved], transitions);
        Assert.Equal(At(0), state.ResolvedAt!.Value.AddSeconds(-90));   // resolved at evaluation 6: 30 s after the failure at 4
    }

    [Fact]
    public void Evaluating_twice_at_the_same_instant_with_the_same_answer_moves_no_further()
    {
        var timing = new AlertTiming(TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var (pending, _) = AlertStateMachine.Evaluate(AlertState.Inactive, timing, At(0), true);

        var (again, transition) = AlertStateMachine.Evaluate(pending, timing, At(0), true);

        Assert.Equal(pending, again);
        Assert.Equal(AlertTransition.None, transition);
    }

    [Fact]
    public void A_resolved_alert_that_holds_again_starts_a_new_pending_period_and_keeps_when_it_last_resolved()
    {
        var timing = new AlertTiming(TimeSpan.FromSeconds(15), TimeSpan.Zero);

        var (transitions, state) = Run(timing, true, true, false, true);

        Assert.Equal([AlertTransition.BecamePending, AlertTransition.Fired, AlertTransition.Resolved, AlertTransition.BecamePending], transitions);
        Assert.Equal((AlertPhase.Pending, At(3), At(2)), (state.Phase, state.ActiveAt, state.ResolvedAt));
    }
}
