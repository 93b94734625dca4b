using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpsConsole.Alerting;

public class AlertmanagerWebhookTests
{
    // Captured from Debian's Alertmanager 0.25 (webhook receiver, group_by [alertname, model], send_resolved) after
    // posting two alerts to its /api/v2/alerts, then resolving v3 and later v4. Go escapes & as \u0026 and writes
    // nanoseconds; a firing alert's endsAt is Go's zero time. The last notification lists only v4, the alert resolved
    // since the previous one, so its common labels and annotations differ from the first one's.
    static readonly string FiringJson = Fixture("firing.json");
    static readonly string ResolvedJson = Fixture("resolved.json");

    const string GroupKey = "{}:{alertname=\"ModelErrorRateHigh\", model=\"card-fraud\"}";
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_firing_notification_from_alertmanager_becomes_one_firing_group_titled_by_alert_and_model()
    {
        var payload = Deserialize(FiringJson);

        var group = AlertmanagerWebhook.ToGroup(payload);

        Assert.Empty(AlertmanagerWebhook.Check(payload));
        Assert.Equal(GroupKey, group.GroupKey);
        Assert.False(group.IsResolved);
        Assert.Equal("ModelErrorRateHigh on card-fraud", group.Title);   // the summaries differ, so there is no common one
        Assert.Equal(Severity.Sev1, group.Severity);
        Assert.Equal("card-fraud", group.Model);
        Assert.Equal("https://runbooks.example.com/error-burst", group.RunbookUrl);
        Assert.Equal("http://alertmanager.example.com:9093", group.ExternalUrl);
        Assert.Equal("opsconsole", group.Labels["job"]);
        Assert.False(group.Labels.ContainsKey("version"));
        Assert.Equal(["e7d30e8440a75366", "e7bd0e8440962785"], group.Alerts.Select(a => a.Fingerprint));
        var v3 = group.Alerts[0];
        Assert.False(v3.IsResolved);
        Assert.Equal("3", v3.Labels["version"]);
        Assert.Equal("card-fraud v3 rejects 4.2% of requests", v3.Annotations["summary"]);
        Assert.Equal(At("2026-12-02T02:16:27.7703631Z"), v3.StartsAt);   // nanoseconds cut to .NET's 100 ns ticks
        Assert.Null(v3.EndsAt);
        Assert.EndsWith("%3E+0.01&g0.tab=1", v3.GeneratorUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_notification_resolves_the_group_with_the_same_key()
    {
        var group = AlertmanagerWebhook.ToGroup(Deserialize(ResolvedJson));

        Assert.Equal(GroupKey, group.GroupKey);
        Assert.True(group.IsResolved);
        Assert.Equal("card-fraud v4 rejects 2.9% of requests", group.Title);
        var alert = Assert.Single(group.Alerts);
        Assert.True(alert.IsResolved);
        Assert.Equal(At("2026-12-02T02:16:42.0489585Z"), alert.EndsAt);
    }

    [Fact]
    public void A_firing_group_may_carry_an_alert_that_already_resolved()
    {
        var json = Mutate(FiringJson, "alerts.0.status", "\"resolved\"");
        json = Mutate(json, "alerts.0.endsAt", "\"2026-12-02T02:16:30.886043679Z\"");

        var group = AlertmanagerWebhook.ToGroup(Deserialize(json));

        Assert.False(group.IsResolved);
        Assert.True(group.Alerts[0].IsResolved);
        Assert.NotNull(group.Alerts[0].EndsAt);
        Assert.False(group.Alerts[1].IsResolved);
    }

    [Fact]
    public void Unknown_fields_at_every_level_are_ignored()
    {
        var json = Mutate(FiringJson, "orgId", "1");
        json = Mutate(json, "future", """{ "nested": [1, { "deep": true }] }""");
        json = Mutate(json, "alerts.0.silenceURL", "\"https://grafana.example.com/alerting/silence/new\"");
        json = Mutate(json, "alerts.0.values", """{ "B": 44.2, "C": 1 }""");
        json = Mutate(json, "alerts.1.valueString", "\"[ metric='' value=1 ]\"");

        var payload = Deserialize(json);

        Assert.Empty(AlertmanagerWebhook.Check(payload));
        Assert.Equal(AlertmanagerWebhook.ToGroup(Deserialize(FiringJson)).Title, AlertmanagerWebhook.ToGroup(payload).Title);
        Assert.Equal(2, AlertmanagerWebhook.ToGroup(payload).Alerts.Count);
    }

    [Theory]
    [InlineData("version", "\"3\"", "version")]
    [InlineData("version", null, "version")]
    [InlineData("version", "4", "version")]                                     // a number, not the string Alertmanager sends
    [InlineData("groupKey", null, "groupKey")]
    [InlineData("groupKey", "\"  \"", "groupKey")]
    [InlineData("status", "\"pending\"", "status")]
    [InlineData("status", "\"resolved\"", "status")]                            // while its alerts fire
    [InlineData("truncatedAlerts", "-1", "truncatedAlerts")]
    [InlineData("commonLabels.severity", "null", "commonLabels.severity")]
    [InlineData("alerts", null, "alerts")]
    [InlineData("alerts", "[]", "alerts")]
    [InlineData("alerts.1", "null", "alerts[1]")]
    [InlineData("alerts.0.status", "\"active\"", "alerts[0].status")]
    [InlineData("alerts.1.labels", null, "alerts[1].labels")]
    [InlineData("alerts.1.labels", "{}", "alerts[1].labels")]
    [InlineData("alerts.1.labels", "[\"model\"]", "alerts[1].labels")]
    [InlineData("alerts.0.labels.model", "null", "alerts[0].labels.model")]
    [InlineData("alerts.0.annotations.summary", "null", "alerts[0].annotations.summary")]
    [InlineData("alerts.1.startsAt", null, "alerts[1].startsAt")]
    [InlineData("alerts.1.startsAt", "\"0001-01-01T00:00:00Z\"", "alerts[1].startsAt")]
    [InlineData("alerts.1.startsAt", "\"yesterday\"", "alerts[1].startsAt")]
    [InlineData("alerts.0.endsAt", "\"2026-12-01T00:00:00Z\"", "alerts[0].endsAt")]   // before it started
    public void A_malformed_payload_is_refused_naming_the_bad_field(string path, string? json, string field)
    {
        var (payload, errors) = AlertmanagerWebhook.Read(Mutate(FiringJson, path, json));

        Assert.Null(payload);
        Assert.Equal([field], errors.Keys);
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void Every_bad_field_is_named_in_one_answer()
    {
        var json = Mutate(FiringJson, "version", "\"3\"");
        json = Mutate(json, "groupKey", null);
        json = Mutate(json, "alerts.0.status", null);
        json = Mutate(json, "alerts.1.startsAt", null);

        var errors = AlertmanagerWebhook.Check(Deserialize(json));

        Assert.Equal(["alerts[0].status", "alerts[1].startsAt", "groupKey", "version"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{ \"version\": ")]
    [InlineData("[]")]
    public void A_body_that_is_no_payload_at_all_is_refused_as_the_body(string json)
    {
        var (payload, errors) = AlertmanagerWebhook.Read(json);

        Assert.Null(payload);
        Assert.Equal([AlertmanagerWebhook.Body], errors.Keys);
    }

    [Fact]
    public void Calling_ToGroup_on_an_unchecked_payload_is_a_bug_that_names_the_problem()
    {
        var exception = Assert.Throws<ArgumentException>(() => AlertmanagerWebhook.ToGroup(Deserialize(FiringJson) with { Version = "3" }));

        Assert.Contains("version", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", Severity.Sev1)]
    [InlineData("page", Severity.Sev1)]
    [InlineData("SEV1", Severity.Sev1)]
    [InlineData("error", Severity.Sev2)]
    [InlineData("High", Severity.Sev2)]
    [InlineData("major", Severity.Sev2)]
    [InlineData("sev2", Severity.Sev2)]
    [InlineData("warning", Severity.Sev3)]
    [InlineData(" Minor ", Severity.Sev3)]
    [InlineData("sev3", Severity.Sev3)]
    [InlineData("info", Severity.Sev4)]
    [InlineData("low", Severity.Sev4)]
    [InlineData("NONE", Severity.Sev4)]
    [InlineData("sev4", Severity.Sev4)]
    [InlineData("disaster", Severity.Sev3)]
    [InlineData("", Severity.Sev3)]
    [InlineData(null, Severity.Sev3)]
    public void Severity_labels_map_to_the_consoles_tiers_ignoring_case(string? label, Severity severity) =>
        Assert.Equal(severity, AlertmanagerWebhook.SeverityFrom(label));

    [Fact]
    public void Without_a_common_severity_the_most_severe_labelled_alert_decides_and_no_label_at_all_is_sev3()
    {
        var mixed = Mutate(Mutate(Mutate(FiringJson, "commonLabels.severity", null), "alerts.0.labels.severity", "\"warning\""), "alerts.1.labels.severity", "\"page\"");
        var infoAndUnlabelled = Mutate(Mutate(Mutate(FiringJson, "commonLabels.severity", null), "alerts.0.labels.severity", "\"info\""), "alerts.1.labels.severity", null);
        var unlabelled = Mutate(Mutate(Mutate(FiringJson, "commonLabels.severity", null), "alerts.0.labels.severity", null), "alerts.1.labels.severity", null);

        Assert.Equal(Severity.Sev1, AlertmanagerWebhook.ToGroup(Deserialize(mixed)).Severity);
        Assert.Equal(Severity.Sev4, AlertmanagerWebhook.ToGroup(Deserialize(infoAndUnlabelled)).Severity);
        Assert.Equal(Severity.Sev3, AlertmanagerWebhook.ToGroup(Deserialize(unlabelled)).Severity);
    }

    [Fact]
    public void The_title_falls_back_from_the_common_summary_to_the_alert_name_to_a_plain_label()
    {
        var summary = Mutate(FiringJson, "commonAnnotations.summary", "\"card-fraud rejects requests\"");
        var noModel = Mutate(Mutate(Mutate(FiringJson, "commonLabels.model", null), "alerts.0.labels.model", null), "alerts.1.labels.model", null);
        var firstAlertsName = Mutate(Mutate(FiringJson, "commonLabels.alertname", null), "alerts.0.labels.alertname", "\"ErrorBurst\"");
        var nameless = Mutate(Mutate(Mutate(FiringJson, "commonLabels.alertname", null), "alerts.0.labels.alertname", null), "alerts.1.labels.alertname", null);

        Assert.Equal("card-fraud rejects requests", AlertmanagerWebhook.ToGroup(Deserialize(summary)).Title);
        Assert.Equal("ModelErrorRateHigh", AlertmanagerWebhook.ToGroup(Deserialize(noModel)).Title);
        Assert.Equal("ErrorBurst on card-fraud", AlertmanagerWebhook.ToGroup(Deserialize(firstAlertsName)).Title);
        Assert.Equal("Alertmanager alert", AlertmanagerWebhook.ToGroup(Deserialize(nameless)).Title);
    }

    [Fact]
    public void The_model_also_comes_from_model_name_and_without_common_labels_from_what_every_alert_shares()
    {
        var modelName = Mutate(Mutate(FiringJson, "commonLabels.model", null), "commonLabels.model_name", "\"churn\"");
        var noCommonLabels = Mutate(FiringJson, "commonLabels", null);

        var shared = AlertmanagerWebhook.ToGroup(Deserialize(noCommonLabels));

        Assert.Equal("churn", AlertmanagerWebhook.ToGroup(Deserialize(modelName)).Model);
        Assert.Equal("card-fraud", shared.Model);
        Assert.Equal(Severity.Sev1, shared.Severity);
        Assert.False(shared.Labels.ContainsKey("version"));   // 3 and 4 differ
    }

    [Fact]
    public void The_runbook_comes_from_the_common_annotations_else_the_first_alert_with_one_and_only_http_links_are_kept()
    {
        var firstAlerts = Mutate(Mutate(FiringJson, "commonAnnotations.runbook_url", null), "alerts.0.annotations.runbook_url", null);
        var script = Mutate(Mutate(FiringJson, "commonAnnotations.runbook_url", "\"javascript:alert(1)\""), "alerts.0.annotations.runbook_url", "\"javascript:alert(1)\"");
        var none = Mutate(Mutate(Mutate(FiringJson, "commonAnnotations.runbook_url", null), "alerts.0.annotations.runbook_url", null), "alerts.1.annotations.runbook_url", null);
        var relative = Mutate(Mutate(FiringJson, "externalURL", "\"/alertmanager\""), "alerts.0.generatorURL", "\"\"");

        Assert.Equal("https://runbooks.example.com/error-burst", AlertmanagerWebhook.ToGroup(Deserialize(firstAlerts)).RunbookUrl);
        Assert.Equal("https://runbooks.example.com/error-burst", AlertmanagerWebhook.ToGroup(Deserialize(script)).RunbookUrl);   // alerts[1]'s
        Assert.Null(AlertmanagerWebhook.ToGroup(Deserialize(none)).RunbookUrl);
        Assert.Null(AlertmanagerWebhook.ToGroup(Deserialize(relative)).ExternalUrl);
        Assert.Null(AlertmanagerWebhook.ToGroup(Deserialize(relative)).Alerts[0].GeneratorUrl);
    }

    [Fact]
    public void A_missing_fingerprint_is_the_one_alertmanager_computes_from_the_labels_in_any_order()
    {
        var missing = Mutate(Mutate(FiringJson, "alerts.0.fingerprint", null), "alerts.1.fingerprint", "\"\"");
        var reordered = Mutate(missing, "alerts.0.labels", """{ "version": "3", "severity": "critical", "model": "card-fraud", "job": "opsconsole", "alertname": "ModelErrorRateHigh" }""");

        var derived = AlertmanagerWebhook.ToGroup(Deserialize(missing)).Alerts;

        // The fingerprints Alertmanager 0.25 sent for these label sets in FiringJson.
        Assert.Equal(["e7d30e8440a75366", "e7bd0e8440962785"], derived.Select(a => a.Fingerprint));
        Assert.Equal("e7d30e8440a75366", AlertmanagerWebhook.ToGroup(Deserialize(reordered)).Alerts[0].Fingerprint);
        Assert.Equal("5608fb05d8f7a720", AlertmanagerWebhook.Fingerprint(new Dictionary<string, string>
        {
            ["severity"] = "critical", ["model"] = "card-fraud", ["alertname"] = "HighErrorRate",
        }));
    }

    static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "alertmanager", name));

    static AlertmanagerPayload Deserialize(string json) => JsonSerializer.Deserialize<AlertmanagerPayload>(json, Web)!;

    static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>The JSON with the member at a dotted path (<c>alerts.1.labels</c>) set to <paramref name="value"/> (JSON text), or removed when null.</summary>
    static string Mutate(string json, string path, string? value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = path.Split('.');
        var parent = steps[..^1].Aggregate(root, (node, step) => int.TryParse(step, CultureInfo.InvariantCulture, out var i) ? node[i]! : node[step]!);
        var last = steps[^1];
        var replacement = value is null ? null : JsonNode.Parse(value);
        if (parent is JsonArray array) array[int.Parse(last, CultureInfo.InvariantCulture)] = replacement;
        else if (value is null) parent.AsObject().Remove(last);
        else parent[last] = replacement;
        return root.ToJsonString();
    }
}
