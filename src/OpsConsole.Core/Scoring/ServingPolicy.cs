namespace OpsConsole.Scoring;

/// <summary>What the records form does with a record that breaks the contract.</summary>
public enum InvalidRecordPolicy { Reject, Impute }

/// <summary>
/// A model's serving rules: how long a version may take before the next one in the chain serves (null: the console's
/// default), the label to answer with when no version can serve (null: 503 with the reason), and whether records that
/// break the contract are rejected (the default) or imputed and flagged.
/// </summary>
public sealed record ServingPolicy(int? TimeoutMs = null, string? FallbackLabel = null, InvalidRecordPolicy InvalidRecords = InvalidRecordPolicy.Reject)
{
    public const int MaxTimeoutMs = 60_000;
    public static ServingPolicy Default { get; } = new();

    /// <summary>Every problem with the policy, keyed by field, for a ProblemDetails answer.</summary>
    public static Dictionary<string, string[]> Check(ServingPolicy policy)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (policy.TimeoutMs is { } t && t is < 1 or > MaxTimeoutMs) errors["timeoutMs"] = [$"Give a timeout from 1 to {MaxTimeoutMs} ms, or leave it out for the default."];
        if (policy.FallbackLabel is { } label && (string.IsNullOrWhiteSpace(label) || label.Length > 200))
            errors["fallbackLabel"] = ["A fallback label is 1 to 200 characters; leave it out to answer 503 when no version can serve."];
        if (!Enum.IsDefined(policy.InvalidRecords)) errors["invalidRecords"] = ["Choose reject or impute."];
        return errors;
    }
}
