using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Incidents;
using OpsConsole.Monitoring;

namespace OpsConsole.Alerting;

/// <summary>Shared steps of the alerting tests: rules through the API, schema violations as a signal, one evaluation run by hand.</summary>
public static class AlertingApi
{
    /// <summary>
    /// A disabled rule (so the background job leaves it alone and the test steps it) that fires on any schema violation
    /// of the model at once, SEV2, opening an incident with the schema-break runbook.
    /// </summary>
    public static async Task<AlertRuleView> ViolationRuleAsync(HttpClient engineer, string model, CancellationToken cancellationToken, object? overrides = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["template"] = "schema-violation", ["model"] = model, ["keepFiringForSeconds"] = 0, ["enabled"] = false,
        };
        if (overrides is not null)
        {
            foreach (var p in overrides.GetType().GetProperties()) body[p.Name] = p.GetValue(overrides);
        }
        var response = await engineer.PostAsJsonAsync("/api/alert-rules", body, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AlertRuleView>(cancellationToken))!;
    }

    /// <summary>Sends records missing feature c, so each is a violation of c, and flushes the tally so the rollups have them.</summary>
    public static async Task BreakContractAsync(TestApp app, HttpClient client, string model, int requests, CancellationToken cancellationToken)
    {
        for (var i = 0; i < requests; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/score/{model}", new { records = new[] { new { a = 1.0, b = 2.0 } } }, cancellationToken)).StatusCode);
        await app.Services.GetRequiredService<ServiceErrorFlusher>().FlushAsync(cancellationToken);
    }

    /// <summary>One evaluation of one rule, in a scope of its own as the job runs it.</summary>
    public static async Task<List<AlertOutcome>> EvaluateAsync(TestApp app, long ruleId, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var rule = await db.AlertRules.AsNoTracking().SingleAsync(r => r.Id == ruleId, cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().EvaluateAsync(rule, cancellationToken);
    }

    public static async Task<IncidentDetail> IncidentAsync(HttpClient client, int number, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<IncidentDetail>($"/api/incidents/{number}", cancellationToken))!;

    public static async Task<List<IncidentDetail>> IncidentsOfAsync(HttpClient client, string model, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<List<IncidentDetail>>($"/api/incidents?model={model}", cancellationToken))!;
}

/// <summary>An incident as the API sends it, read the way a client would.</summary>
public sealed record IncidentDetail(int Number, string Title, string Severity, string Status, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt, List<string> Models, string Source, string? GroupKey, bool IsDrill, double? MttaSeconds, double? MttrSeconds, int Revision,
    List<TimelineEntryView>? Timeline, string? RunbookSlug, string? RunbookUrl, List<string>? NextStatuses, List<AlertGroupView>? AlertGroups);
