using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Incidents;
using OpsConsole.Registry;
using static OpsConsole.Alerting.AlertingApi;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Alerting;

/// <summary>What a rule does when it fires beyond the incident: a guarded rollback, a retraining request, the Hangfire job itself.</summary>
public class AlertActionTests(TestApp app)
{
    static readonly string[] ByModel = ["model"];
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<string> TwoProductionVersionsAsync()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var approver = await EngineerAsync(app);
        (await StageAsync(approver, model, 2, "production", "v2 goes out")).EnsureSuccessStatusCode();
        return model;
    }

    static async Task<int?> ProductionAsync(HttpClient client, string model) =>
        (await client.GetFromJsonAsync<List<VersionView>>($"/api/models/{model}/versions", RegistryJson.Options, Cancel))!.SingleOrDefault(v => v.Stage == "production")?.Version;

    [Fact]
    public async Task A_rollback_rule_rolls_back_once_per_incident_and_records_it_in_the_timeline()
    {
        var model = await TwoProductionVersionsAsync();
        using var engineer = await EngineerAsync(app);
        // Grouped by model, so the relapse on v1 after the rollback joins the same incident.
        var rule = await ViolationRuleAsync(engineer, model, Cancel, new { rollsBack = true, name = "Contract broken: roll back", groupBy = ByModel });
        await BreakContractAsync(app, engineer, model, 2, Cancel);

        var fired = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));
        var afterFirst = await ProductionAsync(engineer, model);
        await BreakContractAsync(app, engineer, model, 1, Cancel);
        var second = await EvaluateAsync(app, rule.Id, Cancel);
        var relapse = Assert.Single(second, o => o.ScopeKey.Contains("version=1", StringComparison.Ordinal));

        // v2 left production, so its alert is no longer read and resolves rather than firing forever.
        Assert.Equal(AlertTransition.Resolved, Assert.Single(second, o => o.ScopeKey.Contains("version=2", StringComparison.Ordinal)).Transition);
        Assert.Equal(AlertTransition.Fired, relapse.Transition);
        Assert.Equal(1, afterFirst);
        Assert.Equal(fired.IncidentNumber, relapse.IncidentNumber);
        Assert.Equal(1, await ProductionAsync(engineer, model));
        var timeline = (await IncidentAsync(engineer, fired.IncidentNumber!.Value, Cancel)).Timeline!;
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.Rollback && e.Text.Contains("back automatically from v2 to v1", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.Rollback && e.Text.StartsWith("Automatic rollback skipped: This incident already rolled", StringComparison.Ordinal));
        var history = await engineer.GetStringAsync($"/api/models/{model}/history", Cancel);
        Assert.Contains(AlertRouter.Actor, history, StringComparison.Ordinal);   // the promotion log says who rolled back
    }

    [Fact]
    public async Task A_rollback_with_no_earlier_version_fails_in_the_timeline_and_keeps_production()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel, new { rollsBack = true });
        await BreakContractAsync(app, engineer, model, 1, Cancel);

        var fired = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        Assert.Equal(1, await ProductionAsync(engineer, model));
        var timeline = (await IncidentAsync(engineer, fired.IncidentNumber!.Value, Cancel)).Timeline!;
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.Rollback && e.Text.Contains("failed", StringComparison.Ordinal) && e.Text.Contains("no earlier production version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retraining_rule_stores_one_open_request_per_model()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel, new { requestsRetraining = true });
        await BreakContractAsync(app, engineer, model, 1, Cancel);

        var fired = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel));

        await using var scope = app.Services.CreateAsyncScope();
        var request = Assert.Single(await scope.ServiceProvider.GetRequiredService<OpsDbContext>().RetrainingRequests.Where(r => r.Model == model).ToListAsync(Cancel));
        Assert.Equal((rule.Id, fired.IncidentNumber, 1, (DateTimeOffset?)null), (request.RuleId!.Value, request.IncidentNumber, request.Version!.Value, request.HandledAt));
        Assert.Contains((await IncidentAsync(engineer, fired.IncidentNumber!.Value, Cancel)).Timeline!, e => e.Kind == TimelineKinds.Retraining);
    }

    [Fact]
    public async Task The_Hangfire_job_evaluates_enabled_rules_on_its_own()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        await BreakContractAsync(app, engineer, model, 1, Cancel);
        await ViolationRuleAsync(engineer, model, Cancel, new { enabled = true });

        var deadline = TimeProvider.System.GetTimestamp();
        List<IncidentDetail> incidents = [];
        while (incidents.Count == 0 && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(500, Cancel);
            incidents = await IncidentsOfAsync(engineer, model, Cancel);
        }

        var incident = Assert.Single(incidents);
        Assert.Equal("rule", incident.Source);
    }
}
