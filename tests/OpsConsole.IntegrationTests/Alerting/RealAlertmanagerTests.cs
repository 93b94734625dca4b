using System.Net.Http.Json;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>
/// Debian's prometheus-alertmanager on loopback, with a webhook receiver pointing at a console process and a bearer key:
/// alerts posted to Alertmanager's own API open an incident in the console, and resolving them resolves it.
/// </summary>
public sealed class RealAlertmanagerTests(ConsoleProcess console) : IClassFixture<ConsoleProcess>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alerts_routed_through_a_real_Alertmanager_open_an_incident_and_their_resolution_resolves_it()
    {
        var key = await console.CreateKeyAsync(Roles.Engineer, Cancel);
        await using var alertmanager = await AlertmanagerProcess.StartAsync(console.BaseAddress, key, Cancel);
        using var client = console.Client(key);
        var model = $"am-{Guid.NewGuid():N}"[..16];
        var labels = new Dictionary<string, string> { ["alertname"] = "ModelP99LatencyHigh", ["model"] = model, ["severity"] = "critical" };
        var annotations = new Dictionary<string, string> { ["summary"] = $"{model} p99 above 250 ms", ["runbook_url"] = "https://runbooks.example.com/latency" };

        await alertmanager.PostAlertsAsync([new PostableAlert(labels, annotations)], Cancel);
        var opened = await UntilAsync(client, model, i => i is { Count: 1 }, "an incident opened", alertmanager);
        await alertmanager.ResolveAsync(labels, Cancel);
        var resolved = await UntilAsync(client, model, i => i is [{ Status: "resolved" }], "the incident resolved", alertmanager);

        Assert.Equal(("SEV1", "alertmanager", $"{model} p99 above 250 ms"), (opened[0].Severity, opened[0].Source, opened[0].Title));
        Assert.Equal(opened[0].Number, resolved[0].Number);
        var detail = (await client.GetFromJsonAsync<IncidentDetail>($"/api/incidents/{opened[0].Number}", Cancel))!;
        Assert.Equal("https://runbooks.example.com/latency", detail.RunbookUrl);
        Assert.Contains(detail.Timeline!, e => e.Kind == Incidents.TimelineKinds.AlertResolved);
    }

    async Task<List<IncidentDetail>> UntilAsync(HttpClient client, string model, Func<List<IncidentDetail>, bool> done, string what, AlertmanagerProcess alertmanager)
    {
        var started = TimeProvider.System.GetTimestamp();
        List<IncidentDetail> incidents = [];
        while (TimeProvider.System.GetElapsedTime(started) < Patience)
        {
            incidents = (await client.GetFromJsonAsync<List<IncidentDetail>>($"/api/incidents?model={model}", Cancel))!;
            if (done(incidents)) return incidents;
            await Task.Delay(250, Cancel);
        }
        Assert.Fail($"Waited {Patience.TotalSeconds:0} s for {what}; got {incidents.Count} incident(s).\nAlertmanager:\n{alertmanager.RecentOutput}\nConsole:\n{console.RecentOutput}");
        return incidents;
    }
}
