using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Alerting;
using static OpsConsole.Alerting.AlertingApi;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Incidents;

/// <summary>What an incident does to the rest of the console: a toast for Engineers on SEV1/SEV2, and deployments of its models in its timeline.</summary>
public class IncidentSideEffectsTests(TestApp app)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_SEV2_incident_notifies_Engineers_with_a_link_and_a_SEV4_does_not()
    {
        using var engineer = await EngineerAsync(app);
        var title = UniqueName("toast");

        var loud = (await (await engineer.PostAsJsonAsync("/api/incidents", new { title = title + "-loud", severity = "SEV2" }, Cancel)).Content.ReadFromJsonAsync<IncidentDetail>(Cancel))!;
        (await engineer.PostAsJsonAsync("/api/incidents", new { title = title + "-quiet", severity = "SEV4" }, Cancel)).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Message.StartsWith(title)).ToListAsync(Cancel);
        var toast = Assert.Single(sent);
        Assert.Equal((Identity.Roles.Engineer, $"/incidents/{loud.Number}", Platform.NotificationSeverity.Warning), (toast.RecipientRole, toast.Link, toast.Severity));
        Assert.Contains($"SEV2 incident #{loud.Number}", toast.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_promotion_of_an_affected_model_is_written_into_the_open_incidents_timeline()
    {
        var model = await ServingModelAsync(app, more: 1);
        using var engineer = await EngineerAsync(app);
        var open = (await (await engineer.PostAsJsonAsync("/api/incidents", new { title = "Scores drift", severity = "SEV3", models = new[] { model } }, Cancel))
            .Content.ReadFromJsonAsync<IncidentDetail>(Cancel))!;

        (await StageAsync(engineer, model, 2, "canary", "try the fix on 10 %", trafficPercent: 10)).EnsureSuccessStatusCode();

        var timeline = (await IncidentAsync(engineer, open.Number, Cancel)).Timeline!;
        var entry = Assert.Single(timeline, e => e.Kind == TimelineKinds.Promotion);
        Assert.Equal($"{model} v2: none → canary (by {entry.Actor}).", entry.Text);
    }
}
