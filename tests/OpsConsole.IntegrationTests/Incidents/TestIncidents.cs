using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Alerting;

namespace OpsConsole.Incidents;

/// <summary>Opens incidents through the real <see cref="IncidentStore"/> the way a rule does, with a runbook, which a manual incident never has.</summary>
public static class TestIncidents
{
    public static async Task<int> OpenWithRunbookAsync(IServiceProvider services, string title, string runbook = "data-drift", IReadOnlyList<string>? models = null)
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var opening = new IncidentOpening(title, Severity.Sev2, IncidentSource.Rule, [.. (models ?? []).Select(m => (m, (int?)null))], null, runbook, null, false, "tests");
        for (var attempt = 0; ; attempt++)
        {
            var incident = await store.AddAsync(opening, "rule:tests", cancel);
            if (!await store.TrySaveNewAsync(incident, attempt, cancel)) continue;   // another test took the number
            store.Record(incident, TimelineKinds.Opened, "rule:tests", $"Opened by the tests' rule as SEV2: {title}.");
            await scope.ServiceProvider.GetRequiredService<OpsDbContext>().SaveChangesAsync(cancel);
            await store.AnnounceOpenedAsync(incident, "rule:tests", "tests", cancel, notify: false);
            return incident.Number;
        }
    }
}
