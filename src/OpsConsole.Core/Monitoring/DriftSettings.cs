namespace OpsConsole.Monitoring;

/// <summary>
/// One column's drift choices for a model: its method, a fixed threshold, or a data-driven one (mean + 3 standard
/// deviations of the statistic over chunks of the reference, the NannyML way; distances only).
/// </summary>
public sealed record ColumnDriftChoice(string? Method = null, double? Threshold = null, bool DataDriven = false);

/// <summary>
/// A model's drift settings: the method for every column (default <c>auto</c>), per-column choices, where the
/// reference comes from (<see cref="ReferenceSources"/>; default <c>auto</c>) and a fixed reference window (default:
/// each version's first week in production). Stored on the model and used by the drift API, the drift job and the
/// monitoring page alike.
/// </summary>
public sealed record DriftSettings(string? Method = null, IReadOnlyDictionary<string, ColumnDriftChoice>? Columns = null,
    DateTimeOffset? ReferenceFrom = null, DateTimeOffset? ReferenceTo = null, string? ReferenceSource = null)
{
    public const int MaxColumns = 200;
    public static DriftSettings Default { get; } = new();

    /// <summary>Every problem with the settings, keyed by field (<c>columns.amount.threshold</c>), for a ProblemDetails answer.</summary>
    public static Dictionary<string, string[]> Check(DriftSettings settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var methods = string.Join(", ", DriftMethods.All);
        if (settings.Method is { } m && !DriftMethods.All.Contains(m)) errors["method"] = [$"'{m}' is not a drift method; use one of {methods}."];
        if ((settings.ReferenceFrom is null) != (settings.ReferenceTo is null)) errors["referenceFrom"] = ["Give both referenceFrom and referenceTo, or neither for each version's first week in production."];
        else if (settings.ReferenceFrom >= settings.ReferenceTo) errors["referenceTo"] = ["The reference window must end after it starts."];
        if (settings.ReferenceSource is { } source && !ReferenceSources.Choices.Contains(source))
            errors["referenceSource"] = [$"'{source}' is not a reference source; use one of {string.Join(", ", ReferenceSources.Choices)}."];
        else if (settings.ReferenceSource == ReferenceSources.Training && (settings.ReferenceFrom is not null || settings.ReferenceTo is not null))
            errors["referenceSource"] = ["The training holdout has no time window: clear referenceFrom and referenceTo, or choose window."];
        var columns = settings.Columns ?? new Dictionary<string, ColumnDriftChoice>();
        if (columns.Count > MaxColumns) errors["columns"] = [$"At most {MaxColumns} columns can have their own settings."];
        foreach (var (name, choice) in columns)
        {
            var field = $"columns.{name}";
            if (choice is null)
            {
                errors[field] = ["Give an object with method, threshold or dataDriven."];
                continue;
            }
            var method = choice.Method ?? settings.Method ?? DriftMethods.Auto;
            if (choice.Method is { } cm && !DriftMethods.All.Contains(cm)) errors[$"{field}.method"] = [$"'{cm}' is not a drift method; use one of {methods}."];
            if (choice.Threshold is { } t)
            {
                if (!double.IsFinite(t) || t <= 0) errors[$"{field}.threshold"] = ["A threshold is a positive number."];
                else if (DriftMethods.IsTest(method) && t >= 1) errors[$"{field}.threshold"] = [$"{method} is judged by its p-value: give a threshold below 1, e.g. 0.05."];
                if (choice.DataDriven) errors[$"{field}.dataDriven"] = ["Choose a fixed threshold or a data-driven one, not both."];
            }
            if (choice.DataDriven && !DataDrivenThreshold.Supports(method))
                errors[$"{field}.dataDriven"] = [$"A data-driven threshold needs a distance method (psi, kl, js or wasserstein) set for the column; {method} is not one."];
        }
        return errors;
    }

    /// <summary>
    /// What a drift question about one version compares with: <see cref="ReferenceSources.TrainingHoldout"/> or
    /// <see cref="ReferenceSources.Window"/>; null when the settings insist on a holdout the version does not have. A
    /// window asked for with the question wins. Under <c>auto</c> a fixed window wins too: it is an explicit choice,
    /// and settings saved before the holdout existed keep the reference they had.
    /// </summary>
    public string? ReferenceFor(bool windowAsked, bool hasHoldout) => windowAsked ? ReferenceSources.Window : (ReferenceSource ?? ReferenceSources.Auto) switch
    {
        ReferenceSources.Training => hasHoldout ? ReferenceSources.TrainingHoldout : null,
        ReferenceSources.Window => ReferenceSources.Window,
        _ => hasHoldout && ReferenceFrom is null ? ReferenceSources.TrainingHoldout : ReferenceSources.Window,
    };
}
