using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Incidents;
using static OpsConsole.Alerting.AlertingApi;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Alerting;

/// <summary>A fault in a model's traffic becomes an alert, the alert an incident with its runbook and timeline, once.</summary>
public class AlertEvaluationTests(TestApp app)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_schema_break_fires_its_rule_and_opens_one_SEV2_incident_with_the_runbook_and_a_timeline()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        var quiet = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        Assert.Equal((AlertPhase.Inactive, 0.0), (quiet.Phase, quiet.Value));

        await BreakContractAsync(app, engineer, model, 3, Cancel);
        var fired = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        var again = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.Equal(AlertTransition.Fired, fired.Transition);
        Assert.Equal(3, fired.Value);
        Assert.True(fired.OpenedIncident);
        Assert.Equal(AlertTransition.StillFiring, again.Transition);
        Assert.Equal(fired.IncidentNumber, again.IncidentNumber);
        var incident = Assert.Single(await IncidentsOfAsync(engineer, model, Cancel));
        Assert.Equal(("SEV2", "triggered", "rule"), (incident.Severity, incident.Status, incident.Source));
        Assert.StartsWith($"rule:{rule.Id}|", incident.GroupKey, StringComparison.Ordinal);
        var detail = await IncidentAsync(engineer, incident.Number, Cancel);
        Assert.Equal("schema-break", detail.RunbookSlug);
        Assert.Contains(detail.Timeline!, e => e.Kind == TimelineKinds.Opened);
        Assert.Contains(detail.Timeline!, e => e.Kind == TimelineKinds.AlertFired && e.Text.Contains("3 fields broke the data contract", StringComparison.Ordinal));
        var alerts = await engineer.GetFromJsonAsync<List<AlertView>>($"/api/alerts?model={model}", Cancel);
        Assert.Equal("firing", Assert.Single(alerts!).State);
        Assert.Equal(incident.Number, alerts![0].IncidentNumber);
    }

    [Fact]
    public async Task A_relapse_joins_the_open_incident_and_after_it_is_resolved_a_new_firing_opens_a_new_one()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        await BreakContractAsync(app, engineer, model, 2, Cancel);
        var first = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        // Raising the threshold makes the condition fail (keep-firing 0): the alert resolves; lowering it fires again.
        await SetThresholdAsync(engineer, rule, 100);
        var resolved = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        await SetThresholdAsync(engineer, rule, 0);
        var relapse = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.Equal(AlertTransition.Resolved, resolved.Transition);
        Assert.Equal((AlertTransition.Fired, false, first.IncidentNumber), (relapse.Transition, relapse.OpenedIncident, relapse.IncidentNumber));
        var timeline = (await IncidentAsync(engineer, first.IncidentNumber!.Value, Cancel)).Timeline!;
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.AlertResolved);
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.AlertFired && e.Text.StartsWith("Alert fired again", StringComparison.Ordinal));

        (await engineer.PostAsJsonAsync($"/api/incidents/{first.IncidentNumber}/status", new { status = "resolved", note = "fixed upstream" }, Cancel)).EnsureSuccessStatusCode();
        await SetThresholdAsync(engineer, rule, 100);
        Assert.Equal(AlertTransition.Resolved, Assert.Single(await EvaluateAsync(app, rule.Id, Cancel)).Transition);
        await SetThresholdAsync(engineer, rule, 0);
        var fresh = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.True(fresh.OpenedIncident);
        Assert.NotEqual(first.IncidentNumber, fresh.IncidentNumber);
        Assert.Equal(2, (await IncidentsOfAsync(engineer, model, Cancel)).Count);
    }

    [Fact]
    public async Task Two_evaluators_at_once_open_one_incident()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        await BreakContractAsync(app, engineer, model, 1, Cancel);

        var outcomes = (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => EvaluateAsync(app, rule.Id, Cancel), Cancel)))).SelectMany(o => o).ToList();

        Assert.Single(outcomes, o => o.OpenedIncident);
        Assert.Single(await IncidentsOfAsync(engineer, model, Cancel));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        Assert.Equal(1, await db.AlertGroups.CountAsync(g => g.Model == model, Cancel));
        Assert.Equal(1, await db.AlertInstances.CountAsync(a => a.RuleId == rule.Id, Cancel));
    }

    [Fact]
    public async Task A_silence_mutes_the_firing_so_no_incident_opens_and_the_alert_says_why()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        var silence = await engineer.PostAsJsonAsync("/api/silences", new
        {
            matchers = new[] { new { name = "model", @operator = "=", value = model }, new { name = "alertname", @operator = "=~", value = "Any schema.*" } },
            endsAt = TestApp.Now.AddHours(1), comment = "upstream migration tonight",
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, silence.StatusCode);
        await BreakContractAsync(app, engineer, model, 1, Cancel);

        var fired = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.Equal(AlertTransition.Fired, fired.Transition);
        Assert.False(fired.OpenedIncident);
        Assert.StartsWith("silence #", fired.MutedBy, StringComparison.Ordinal);
        Assert.Empty(await IncidentsOfAsync(engineer, model, Cancel));
        var alert = Assert.Single((await engineer.GetFromJsonAsync<List<AlertView>>($"/api/alerts?model={model}", Cancel))!);
        Assert.Equal(fired.MutedBy, alert.MutedBy);

        // Ending the silence while the alert still fires routes it at the next evaluation.
        var id = (await silence.Content.ReadFromJsonAsync<SilenceView>(Cancel))!.Id;
        (await engineer.DeleteAsync($"/api/silences/{id}", Cancel)).EnsureSuccessStatusCode();
        var unmuted = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        Assert.Equal((AlertTransition.StillFiring, (string?)null, true), (unmuted.Transition, unmuted.MutedBy, unmuted.OpenedIncident));
        Assert.Single(await IncidentsOfAsync(engineer, model, Cancel));
    }

    [Fact]
    public async Task An_open_SEV1_on_the_model_inhibits_a_SEV2_rule_but_not_another_model()
    {
        var model = await ServingModelAsync(app);
        var other = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        (await engineer.PostAsJsonAsync("/api/incidents", new { title = "Outage", severity = "SEV1", models = new[] { model } }, Cancel)).EnsureSuccessStatusCode();
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        var otherRule = await ViolationRuleAsync(engineer, other, Cancel);
        await BreakContractAsync(app, engineer, model, 1, Cancel);
        await BreakContractAsync(app, engineer, other, 1, Cancel);

        var inhibited = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        var free = Assert.Single(await EvaluateAsync(app, otherRule.Id, Cancel));

        Assert.StartsWith("open SEV1 incident #", inhibited.MutedBy, StringComparison.Ordinal);
        Assert.Single(await IncidentsOfAsync(engineer, model, Cancel));   // only the SEV1
        Assert.True(free.OpenedIncident);
    }

    [Fact]
    public async Task A_model_whose_traffic_stopped_fires_a_predictions_below_rule_and_traffic_clears_it()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var response = await engineer.PostAsJsonAsync("/api/alert-rules", new
        {
            name = "Traffic stopped", signal = "predictions", model, comparator = "<", threshold = 5, windowMinutes = 5, severity = "SEV3", enabled = false,
        }, Cancel);
        var rule = (await response.Content.ReadFromJsonAsync<AlertRuleView>(Cancel))!;

        var silent = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        await ScoreOkAsync(engineer, model, Records(8), Cancel);
        await WaitForCountAsync(app, db => db.PredictionRollups.Where(r => r.Model == model).SumAsync(r => (int)r.Count, Cancel), 8, Cancel);
        var busy = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.Equal((AlertTransition.Fired, 0.0, false), (silent.Transition, silent.Value, silent.OpenedIncident));   // SEV3: no incident
        Assert.Equal((AlertTransition.Resolved, 8.0), (busy.Transition, busy.Value));
    }

    [Fact]
    public async Task A_no_data_rule_fires_for_a_model_that_never_logged_and_stays_quiet_for_one_that_serves()
    {
        var silentModel = await ServingModelAsync(app);
        var busyModel = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        await ScoreOkAsync(engineer, busyModel, Records(3), Cancel);
        await WaitForCountAsync(app, db => db.PredictionRollups.Where(r => r.Model == busyModel).SumAsync(r => (int)r.Count, Cancel), 3, Cancel);
        // The violation rule with nothing to violate: only its no-data condition can hold.
        var silent = await ViolationRuleAsync(engineer, silentModel, Cancel, new { noDataMinutes = 10 });
        var busy = await ViolationRuleAsync(engineer, busyModel, Cancel, new { noDataMinutes = 10 });

        var fired = Assert.Single(await EvaluateAsync(app, silent.Id, Cancel));
        var quiet = Assert.Single(await EvaluateAsync(app, busy.Id, Cancel));

        Assert.Equal((AlertTransition.Fired, true), (fired.Transition, fired.OpenedIncident));
        Assert.Equal(AlertPhase.Inactive, quiet.Phase);
    }

    static async Task SetThresholdAsync(HttpClient engineer, AlertRuleView rule, double threshold)
    {
        var current = (await engineer.GetFromJsonAsync<AlertRuleView>($"/api/alert-rules/{rule.Id}", Cancel))!;
        var response = await engineer.PutAsJsonAsync($"/api/alert-rules/{rule.Id}", new
        {
            template = current.Template, model = current.Model, threshold, keepFiringForSeconds = 0, enabled = false, revision = current.Revision,
        }, Cancel);
        response.EnsureSuccessStatusCode();
    }
}
