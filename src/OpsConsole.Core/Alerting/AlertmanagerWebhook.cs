using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpsConsole.Alerting;

/// <summary>An Alertmanager group notification as the console keeps it: one alert group per <see cref="GroupKey"/>, labelled with the group's common labels.</summary>
public sealed record ExternalAlertGroup(string GroupKey, bool IsResolved, string Title, Severity Severity, string? Model, string? RunbookUrl, string? ExternalUrl,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<ExternalAlert> Alerts);

/// <summary>One alert of an <see cref="ExternalAlertGroup"/>; <see cref="EndsAt"/> is null while it fires.</summary>
public sealed record ExternalAlert(string Fingerprint, bool IsResolved, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? GeneratorUrl);

/// <summary>
/// Checks an Alertmanager webhook notification (payload version 4) and turns it into an <see cref="ExternalAlertGroup"/>
/// for <c>POST /api/integrations/alertmanager</c>.
/// </summary>
public static class AlertmanagerWebhook
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    /// <summary>The error key for a body that is not a payload at all.</summary>
    public const string Body = "body";

    const string DefaultTitle = "Alertmanager alert";
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    static readonly Dictionary<string, Severity> SeverityNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = Severity.Sev1, ["page"] = Severity.Sev1, ["sev1"] = Severity.Sev1,
        ["error"] = Severity.Sev2, ["high"] = Severity.Sev2, ["major"] = Severity.Sev2, ["sev2"] = Severity.Sev2,
        ["warning"] = Severity.Sev3, ["minor"] = Severity.Sev3, ["sev3"] = Severity.Sev3,
        ["info"] = Severity.Sev4, ["low"] = Severity.Sev4, ["none"] = Severity.Sev4, ["sev4"] = Severity.Sev4,
    };

    /// <summary>
    /// Reads a request body and checks it. A JSON type error (a number where Alertmanager sends a string, a bad time) is
    /// reported under its field like the checks are, rather than as a bare 400; the payload is null unless it is sound.
    /// </summary>
    public static (AlertmanagerPayload? Payload, Dictionary<string, string[]> Errors) Read(string json)
    {
        // Parsed before it is bound, so that a broken document is the body's fault and only a type error is a field's.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return (null, new() { [Body] = [$"Send a JSON object; this body is not valid JSON ({exception.Message})"] });
        }
        AlertmanagerPayload? payload;
        using (document)
        {
            try
            {
                payload = document.Deserialize<AlertmanagerPayload>(Web);
            }
            catch (JsonException exception)
            {
                return (null, new() { [FieldOf(exception.Path)] = ["This is not the type Alertmanager sends here (a string, an object of strings, a list of alerts or an RFC 3339 time)."] });
            }
        }
        var errors = Check(payload);
        return (errors.Count == 0 ? payload : null, errors);
    }

    /// <summary>camelCase field path (<c>alerts[2].labels</c>) -> messages; empty when <see cref="ToGroup"/> can take the payload.</summary>
    public static Dictionary<string, string[]> Check(AlertmanagerPayload? p)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (p is null) return new() { [Body] = ["Send Alertmanager's webhook payload (version 4) as a JSON object."] };

        if (p.Version is null) Add(errors, "version", "Give the payload version; Alertmanager sends \"4\".");
        else if (p.Version != "4") Add(errors, "version", $"Only version \"4\" of Alertmanager's webhook payload is understood, not \"{p.Version}\".");
        if (string.IsNullOrWhiteSpace(p.GroupKey)) Add(errors, "groupKey", "Give the groupKey that names Alertmanager's alert group; the console keys the group by it.");
        if (!IsStatus(p.Status)) Add(errors, "status", $"Use \"{Firing}\" or \"{Resolved}\".");
        if (p.TruncatedAlerts < 0) Add(errors, "truncatedAlerts", "Use a count of at least 0.");
        NullValues(errors, p.GroupLabels, "groupLabels");
        NullValues(errors, p.CommonLabels, "commonLabels");
        NullValues(errors, p.CommonAnnotations, "commonAnnotations");

        if (p.Alerts is not { Count: > 0 } alerts)
        {
            Add(errors, "alerts", "Send at least one alert.");
            return errors;
        }
        for (var i = 0; i < alerts.Count; i++) CheckAlert(errors, alerts[i], $"alerts[{i}]");

        // Alertmanager derives the group's status from its alerts: firing while any alert fires. A payload that
        // disagrees with itself would leave it unclear whether the group resolved.
        var firing = alerts.Select((a, i) => (a, i)).FirstOrDefault(x => x.a?.Status == Firing);
        if (p.Status == Resolved && firing.a is not null) Add(errors, "status", $"A group is resolved only when all its alerts are; alerts[{firing.i}] is firing.");
        if (p.Status == Firing && alerts.All(a => a?.Status == Resolved)) Add(errors, "status", "A group with only resolved alerts is resolved.");
        return errors;
    }

    static void CheckAlert(Dictionary<string, string[]> errors, AlertmanagerAlert? alert, string at)
    {
        if (alert is null)
        {
            Add(errors, at, "An alert is an object with status, labels and startsAt, not null.");
            return;
        }
        if (!IsStatus(alert.Status)) Add(errors, $"{at}.status", $"Use \"{Firing}\" or \"{Resolved}\".");
        if (alert.Labels is not { Count: > 0 }) Add(errors, $"{at}.labels", "Give the alert's labels; Alertmanager identifies an alert by them.");
        NullValues(errors, alert.Labels, $"{at}.labels");
        NullValues(errors, alert.Annotations, $"{at}.annotations");
        if (Instant(alert.StartsAt) is not { } starts) Add(errors, $"{at}.startsAt", "Give when the alert started (an RFC 3339 time).");
        else if (Instant(alert.EndsAt) is { } ends && ends < starts) Add(errors, $"{at}.endsAt", "Use a time after startsAt, or the zero time while the alert fires.");
    }

    /// <summary>The console's alert group for a payload that passed <see cref="Check"/>; calling it with one that did not is a bug.</summary>
    public static ExternalAlertGroup ToGroup(AlertmanagerPayload p)
    {
        var errors = Check(p);
        if (errors.Count > 0) throw new ArgumentException($"Check the payload first: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}", nameof(p));

        var alerts = p.Alerts!.Select(a => ToAlert(a!)).ToList();
        // A sender other than Alertmanager may leave commonLabels out; what every alert shares is what it would have said.
        var common = p.CommonLabels is { } given ? Strings(given) : Shared(alerts);
        var annotations = Strings(p.CommonAnnotations);
        var model = Text(common, "model") ?? Text(common, "model_name");
        var runbook = HttpUrl(Text(annotations, "runbook_url")) ?? alerts.Select(a => HttpUrl(Text(a.Annotations, "runbook_url"))).FirstOrDefault(u => u is not null);
        return new(p.GroupKey!.Trim(), p.Status == Resolved, TitleOf(annotations, common, alerts, model), SeverityOf(common, alerts), model, runbook,
            HttpUrl(p.ExternalUrl), common, alerts);
    }

    /// <summary>The console's tier for a <c>severity</c> label, case-insensitive; a missing or unknown value is SEV3.</summary>
    public static Severity SeverityFrom(string? label) =>
        label is not null && SeverityNames.TryGetValue(label.Trim(), out var severity) ? severity : Severity.Sev3;

    /// <summary>
    /// Alertmanager's own fingerprint of a label set (Prometheus's <c>model.LabelSet.Fingerprint</c>: FNV-1a 64 over the
    /// names in order, each name and value followed by a 0xFF byte, as 16 hex digits), so an alert sent without one gets
    /// the id Alertmanager would have given it, whatever order its labels came in.
    /// </summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> labels)
    {
        const ulong offsetBasis = 14695981039346656037, prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var b in Encoding.UTF8.GetBytes(name)) hash = unchecked((hash ^ b) * prime);
            hash = unchecked((hash ^ 0xFF) * prime);
            foreach (var b in Encoding.UTF8.GetBytes(value)) hash = unchecked((hash ^ b) * prime);
            hash = unchecked((hash ^ 0xFF) * prime);
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    static ExternalAlert ToAlert(AlertmanagerAlert alert)
    {
        var labels = Strings(alert.Labels);
        return new(alert.Fingerprint is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : Fingerprint(labels), alert.Status == Resolved, labels,
            Strings(alert.Annotations), Instant(alert.StartsAt)!.Value, Instant(alert.EndsAt), HttpUrl(alert.GeneratorUrl));
    }

    static string TitleOf(IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string> common, List<ExternalAlert> alerts, string? model)
    {
        if (Text(annotations, "summary") is { } summary) return summary;
        var name = Text(common, "alertname") ?? alerts.Select(a => Text(a.Labels, "alertname")).FirstOrDefault(n => n is not null);
        if (name is null) return DefaultTitle;
        return model is null ? name : $"{name} on {model}";
    }

    // Alerts without a severity label do not vote, so one labelled info and one unlabelled make an info group. SEV1 is the smallest number.
    static Severity SeverityOf(IReadOnlyDictionary<string, string> common, List<ExternalAlert> alerts) =>
        Text(common, "severity") is { } shared
            ? SeverityFrom(shared)
            : alerts.Select(a => Text(a.Labels, "severity")).OfType<string>().Select(SeverityFrom).DefaultIfEmpty(Severity.Sev3).Min();

    static Dictionary<string, string> Shared(List<ExternalAlert> alerts) =>
        alerts[0].Labels.Where(l => alerts.All(a => a.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToDictionary(StringComparer.Ordinal);

    // Alertmanager sends Go's zero time (0001-01-01T00:00:00Z) for "not set": a firing alert's endsAt.
    static DateTimeOffset? Instant(DateTimeOffset? value) => value is { } v && v.UtcTicks >= TimeSpan.TicksPerDay ? v : null;

    // Only http(s) links reach the console's pages: a javascript: runbook would run in the on-call person's session.
    // A bad link is dropped rather than refused, because a 400 makes Alertmanager drop the whole notification.
    static string? HttpUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url.Trim()
            : null;

    static string? Text(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    static Dictionary<string, string> Strings(IReadOnlyDictionary<string, string?>? values) =>
        values is null ? new(StringComparer.Ordinal) : values.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal);

    static bool IsStatus(string? status) => status is Firing or Resolved;

    static void NullValues(Dictionary<string, string[]> errors, IReadOnlyDictionary<string, string?>? values, string at)
    {
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is null) Add(errors, $"{at}.{key}", "Use a string value, not null.");
        }
    }

    static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var messages) ? [.. messages, message] : [message];

    static string FieldOf(string? path) => path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : Body;
}
