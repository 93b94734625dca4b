namespace OpsConsole.Registry.Webhooks;

/// <summary>A webhook as an Admin adds it; no events (null or empty) means every event.</summary>
public sealed record NewWebhook(string? Url, string? Secret, IReadOnlyList<string>? Events, string? Description);

/// <summary>Checks shared by the webhooks page and <c>POST /api/webhooks</c>.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 500;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;
    public const int MaxDescriptionLength = 200;

    /// <summary>camelCase field name -> messages; empty when the input is acceptable.</summary>
    public static Dictionary<string, string[]> Check(NewWebhook input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Url)) errors["url"] = ["Give the address that receives the events, e.g. https://hooks.example.com/opsconsole."];
        else if (input.Url.Length > MaxUrlLength) errors["url"] = [$"Use at most {MaxUrlLength} characters."];
        else if (!IsHttpUrl(input.Url)) errors["url"] = ["Use an absolute http:// or https:// address."];

        if (string.IsNullOrWhiteSpace(input.Secret) || input.Secret.Length < MinSecretLength)
            errors["secret"] = [$"Use a secret of at least {MinSecretLength} characters; the receiver checks each signature with it."];
        else if (input.Secret.Length > MaxSecretLength) errors["secret"] = [$"Use at most {MaxSecretLength} characters."];

        var unknown = (input.Events ?? []).Where(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            errors["events"] = [$"Unknown event(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", WebhookEvents.All)}, or none for all."];

        if (input.Description is { Length: > MaxDescriptionLength }) errors["description"] = [$"Use at most {MaxDescriptionLength} characters."];
        return errors;
    }

    static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
