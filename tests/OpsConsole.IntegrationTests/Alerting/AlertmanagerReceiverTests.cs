using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpsConsole.Incidents;
using static OpsConsole.Alerting.AlertingApi;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Alerting;

/// <summary>Alertmanager's webhook payloads into incidents: firing opens, repeats change nothing, resolved resolves, junk is refused by field.</summary>
public class AlertmanagerReceiverTests(TestApp app)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static string Payload(string groupKey, string model, string status, string alertStatus = "firing", string extra = "") => $$"""
        {
          "receiver": "opsconsole", "status": "{{status}}", "version": "4", "groupKey": "{{groupKey}}", "truncatedAlerts": 0,
          "groupLabels": { "alertname": "ModelErrorRateHigh" },
          "commonLabels": { "alertname": "ModelErrorRateHigh", "model": "{{model}}", "severity": "critical" },
          "commonAnnotations": { "summary": "{{model}} rejects 4.2% of requests", "runbook_url": "https://runbooks.example.com/error-burst" },
          "externalURL": "http://alertmanager.example.com:9093",
          "alerts": [ {
            "status": "{{alertStatus}}", "labels": { "alertname": "ModelErrorRateHigh", "model": "{{model}}", "severity": "critical" },
            "annotations": { "summary": "{{model}} rejects 4.2% of requests" }, "startsAt": "2026-12-02T02:16:27.770363116Z",
            "endsAt": "{{(alertStatus == "firing" ? "0001-01-01T00:00:00Z" : "2026-12-02T02:30:00Z")}}", "generatorURL": "http://prometheus.example.com/graph",
            "fingerprint": "e7d30e8440a75366"{{extra}} } ],
          "somethingNew": { "added": "in a later Alertmanager" }
        }
        """;

    static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync("/api/integrations/alertmanager", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

    [Fact]
    public async Task A_firing_group_opens_one_SEV1_incident_a_repeat_changes_nothing_and_resolved_resolves_it()
    {
        using var engineer = await EngineerAsync(app);
        var model = UniqueName("am");
        var key = $"{{}}:{{alertname=\\\"ModelErrorRateHigh\\\", model=\\\"{model}\\\"}}";

        var first = await PostAsync(engineer, Payload(key, model, "firing", extra: """, "unknownField": [1, 2, 3]"""));
        var repeat = await PostAsync(engineer, Payload(key, model, "firing"));
        var incident = Assert.Single(await IncidentsOfAsync(engineer, model, Cancel));
        var open = await IncidentAsync(engineer, incident.Number, Cancel);
        var resolved = await PostAsync(engineer, Payload(key, model, "resolved", "resolved"));
        var closed = await IncidentAsync(engineer, incident.Number, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(("SEV1", "alertmanager", "triggered"), (open.Severity, open.Source, open.Status));
        Assert.Equal($"{model} rejects 4.2% of requests", open.Title);
        Assert.Equal("https://runbooks.example.com/error-burst", open.RunbookUrl);
        Assert.Single(open.Timeline!, e => e.Kind == TimelineKinds.AlertFired);   // the repeat added nothing
        var receipt = (await resolved.Content.ReadFromJsonAsync<AlertmanagerReceipt>(Cancel))!;
        Assert.Equal(("resolved", (int?)incident.Number), (receipt.Status, receipt.IncidentNumber));
        Assert.Equal("resolved", closed.Status);
        Assert.Contains(closed.Timeline!, e => e.Kind == TimelineKinds.AlertResolved && e.Actor == AlertmanagerReceiver.Actor);
        Assert.False(Assert.Single(closed.AlertGroups!).IsOpen);

        // A new firing of the same group after the resolution opens a new incident.
        (await PostAsync(engineer, Payload(key, model, "firing"))).EnsureSuccessStatusCode();
        Assert.Equal(2, (await IncidentsOfAsync(engineer, model, Cancel)).Count);
    }

    [Fact]
    public async Task Malformed_payloads_are_refused_with_each_bad_field_named()
    {
        using var engineer = await EngineerAsync(app);

        var notJson = await PostAsync(engineer, "{ this is not json");
        var wrongVersion = await PostAsync(engineer, Payload("g", "m", "firing").Replace("\"version\": \"4\"", "\"version\": \"3\"", StringComparison.Ordinal));
        var noAlerts = await PostAsync(engineer, """{ "version": "4", "groupKey": "g", "status": "firing", "alerts": [] }""");
        var badTime = await PostAsync(engineer, Payload("g", "m", "firing").Replace("2026-12-02T02:16:27.770363116Z", "yesterday", StringComparison.Ordinal));

        Assert.All(new[] { notJson, wrongVersion, noAlerts, badTime }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("body", await ErrorFieldsAsync(notJson));
        Assert.Contains("version", await ErrorFieldsAsync(wrongVersion));
        Assert.Contains("alerts", await ErrorFieldsAsync(noAlerts));
        Assert.Contains("alerts[0].startsAt", await ErrorFieldsAsync(badTime));
    }

    [Fact]
    public async Task Alertmanager_authenticates_with_a_bearer_key_and_a_viewer_key_is_refused()
    {
        var key = await app.CreateKeyAsync(UniqueName("am-key"), Identity.Roles.Engineer);
        using var bearer = app.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var model = UniqueName("am");

        var accepted = await PostAsync(bearer, Payload($"bearer-{model}", model, "firing"));
        var refused = await PostAsync(viewer, Payload($"viewer-{model}", model, "firing"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
