using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Alerting;
using OpsConsole.Identity;
using OpsConsole.Incidents;

namespace OpsConsole.Dashboards;

/// <summary>The executive overview's open-incidents card: counts by severity, the stakeholder update in plain words, drills left out, live.</summary>
public sealed class OpenIncidentsCardTests(TestApp app)
{
    static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    static async Task<int> OpenAsync(IServiceProvider services, string title, bool isDrill)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var opening = new IncidentOpening(title, Severity.Sev1, isDrill ? IncidentSource.Drill : IncidentSource.Manual, [], null, null, null, isDrill, "tests");
        for (var attempt = 0; ; attempt++)
        {
            var incident = await store.AddAsync(opening, "tests", Cancel);
            if (!await store.TrySaveNewAsync(incident, attempt, Cancel)) continue;
            await store.AnnounceOpenedAsync(incident, "tests", "tests", Cancel, notify: false);
            return incident.Number;
        }
    }

    [Fact]
    public async Task A_new_SEV1_appears_first_with_its_stakeholder_update_and_a_drill_never_appears()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var ctx = AppComponents.Create(app, Roles.Viewer);
        var card = ctx.Render<OpenIncidentsCard>();
        card.WaitForAssertion(() => Assert.Empty(card.FindAll("#open-incidents .mud-progress-linear")));

        await OpenAsync(ctx.Services, "Drill " + run, isDrill: true);
        var number = await OpenAsync(ctx.Services, "Checkout outage " + run, isDrill: false);
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IncidentStore>()
                .UpdateStakeholdersAsync(number, "Card payments are declined for 4 % of customers; we are rolling back.", null, "lead@tests", Cancel);
        }

        card.WaitForAssertion(() => Assert.Contains($"#{number} Checkout outage {run}", card.Find("#open-incidents").TextContent, StringComparison.Ordinal));
        var text = card.Find("#open-incidents").TextContent;
        Assert.Contains("Card payments are declined for 4 % of customers; we are rolling back.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Drill " + run, text, StringComparison.Ordinal);
        Assert.Matches(@"SEV1 × \d+", card.Find("#open-incidents-count").TextContent);
    }
}
