using System.Text.Json.Serialization;

namespace OpsConsole.Alerting;

/// <summary>
/// One notification from Alertmanager's webhook receiver (payload version 4): a group of alerts as Alertmanager's
/// route grouped them. Every member is nullable so that <see cref="AlertmanagerWebhook.Check"/>, not the deserializer,
/// names what is missing. The names are pinned as Alertmanager spells them (<c>externalURL</c>), and unknown members
/// are skipped whatever the serializer options say, because newer Alertmanagers and Grafana add fields.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record AlertmanagerPayload
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("groupKey")] public string? GroupKey { get; init; }
    [JsonPropertyName("truncatedAlerts")] public long? TruncatedAlerts { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("receiver")] public string? Receiver { get; init; }
    [JsonPropertyName("groupLabels")] public IReadOnlyDictionary<string, string?>? GroupLabels { get; init; }
    [JsonPropertyName("commonLabels")] public IReadOnlyDictionary<string, string?>? CommonLabels { get; init; }
    [JsonPropertyName("commonAnnotations")] public IReadOnlyDictionary<string, string?>? CommonAnnotations { get; init; }
    [JsonPropertyName("externalURL")] public string? ExternalUrl { get; init; }
    [JsonPropertyName("alerts")] public IReadOnlyList<AlertmanagerAlert?>? Alerts { get; init; }
}

/// <summary>One alert of an <see cref="AlertmanagerPayload"/>; a firing alert's <c>endsAt</c> is Go's zero time, 0001-01-01T00:00:00Z.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record AlertmanagerAlert
{
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string?>? Labels { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string?>? Annotations { get; init; }
    [JsonPropertyName("startsAt")] public DateTimeOffset? StartsAt { get; init; }
    [JsonPropertyName("endsAt")] public DateTimeOffset? EndsAt { get; init; }
    [JsonPropertyName("generatorURL")] public string? GeneratorUrl { get; init; }
    [JsonPropertyName("fingerprint")] public string? Fingerprint { get; init; }
}
