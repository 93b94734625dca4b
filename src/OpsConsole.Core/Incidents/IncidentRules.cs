using OpsConsole.Alerting;

namespace OpsConsole.Incidents;

/// <summary>A manual incident as a person opens it; <see cref="Runbook"/> (a slug) gives it a checklist to work through.</summary>
public sealed record NewIncident(string? Title, string? Severity, IReadOnlyList<string>? Models, string? Summary, string? Runbook = null);

/// <summary>Limits and checks for what people write into incidents, shared by the API and the pages.</summary>
public static class IncidentRules
{
    public const int MaxTitleLength = 300;
    public const int MaxNoteLength = 4000;
    public const int MaxStakeholderUpdateLength = 2000;
    public const int MaxRunbookLength = 100_000;

    /// <summary>"SEV1".."SEV4" (any case) as a tier, else null.</summary>
    public static Severity? ParseSeverity(string? text) =>
        text?.Trim().ToUpperInvariant() switch { "SEV1" => Severity.Sev1, "SEV2" => Severity.Sev2, "SEV3" => Severity.Sev3, "SEV4" => Severity.Sev4, _ => null };

    public static string Name(Severity severity) => "SEV" + (int)severity;

    public static Dictionary<string, string[]> Check(NewIncident input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = ["Give the incident a title people will recognise."];
        else if (input.Title.Trim().Length > MaxTitleLength) errors["title"] = [$"Use at most {MaxTitleLength} characters."];
        if (ParseSeverity(input.Severity) is null) errors["severity"] = ["Choose SEV1, SEV2, SEV3 or SEV4."];
        if (input.Summary is { Length: > MaxStakeholderUpdateLength }) errors["summary"] = [$"Use at most {MaxStakeholderUpdateLength} characters."];
        return errors;
    }

    public static string? CheckNote(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Write something; an empty note helps nobody."
        : text.Trim().Length > MaxNoteLength ? $"Use at most {MaxNoteLength} characters." : null;
}
