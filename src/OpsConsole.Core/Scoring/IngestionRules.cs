using System.Text.Json;

namespace OpsConsole.Scoring;

/// <summary><c>POST /api/predictions</c>: predictions made by an external serving system, logged like the console's own.</summary>
public sealed record IngestRequest(string? Model, int? Version, IReadOnlyList<IngestedPrediction>? Predictions);

public sealed record IngestedPrediction(
    string? RequestId, DateTimeOffset? Timestamp, Dictionary<string, JsonElement>? Features, string? Label, double? Confidence,
    double? LatencyMs, string? Segment, Dictionary<string, double>? Probabilities = null, double? Value = null);

/// <summary><c>POST /api/predictions/outcomes</c>: ground truth, each naming its prediction by id or by request id.</summary>
public sealed record OutcomesRequest(IReadOnlyList<OutcomeItem>? Outcomes);

public sealed record OutcomeItem(string? PredictionId, string? RequestId, string? Label);

/// <summary>Checks ingestion and outcome payloads field by field, keyed as the JSON is (<c>predictions[3].confidence</c>).</summary>
public static class IngestionRules
{
    public const int MaxPredictions = 10_000;
    public const int MaxOutcomes = 10_000;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static Dictionary<string, string[]> Check(IngestRequest request, DateTimeOffset now)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(request.Model)) errors.Add("model", "Name the model the predictions came from.");
        if (request.Version is null) errors.Add("version", "Give the version that made the predictions.");
        if (request.Predictions is not { Count: > 0 })
        {
            errors.Add("predictions", "Send at least one prediction.");
        }
        else if (request.Predictions.Count > MaxPredictions)
        {
            errors.Add("predictions", $"Send at most {MaxPredictions} predictions at once; this has {request.Predictions.Count}.");
        }
        else
        {
            for (var i = 0; i < request.Predictions.Count; i++)
            {
                var p = request.Predictions[i];
                var at = $"predictions[{i}]";
                if (p is null) { errors.Add(at, "A prediction cannot be null."); continue; }
                if (p.Timestamp is null) errors.Add($"{at}.timestamp", "Give the time the prediction was made (ISO 8601 with an offset).");
                else if (p.Timestamp > now + MaxClockSkew) errors.Add($"{at}.timestamp", "The time is in the future; check the sender's clock.");
                if (p.Features is null) errors.Add($"{at}.features", "Send the features the prediction was made from (an object, possibly empty).");
                if (p.Label is null && p.Value is null) errors.Add($"{at}.label", "Send the predicted label (or value, for a regressor).");
                if (p.Label is { Length: > 200 }) errors.Add($"{at}.label", "A label is at most 200 characters.");
                if (p.Confidence is { } c && (!double.IsFinite(c) || c < 0 || c > 1)) errors.Add($"{at}.confidence", "A confidence is between 0 and 1.");
                if (p.LatencyMs is { } l && (!double.IsFinite(l) || l < 0)) errors.Add($"{at}.latencyMs", "A latency is a finite number of milliseconds, 0 or more.");
                if (p.Value is { } v && !double.IsFinite(v)) errors.Add($"{at}.value", "A value must be finite.");
                if (p.Segment is { Length: > 100 }) errors.Add($"{at}.segment", "A segment is at most 100 characters.");
                if (p.RequestId is { Length: > 200 }) errors.Add($"{at}.requestId", "A request id is at most 200 characters.");
                if (p.Probabilities?.FirstOrDefault(kv => !double.IsFinite(kv.Value) || kv.Value < 0 || kv.Value > 1) is { Key: { } bad })
                    errors.Add($"{at}.probabilities.{bad}", "A probability is between 0 and 1.");
            }
        }
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Check(OutcomesRequest request)
    {
        var errors = new Errors();
        if (request.Outcomes is not { Count: > 0 })
        {
            errors.Add("outcomes", "Send at least one outcome.");
        }
        else if (request.Outcomes.Count > MaxOutcomes)
        {
            errors.Add("outcomes", $"Send at most {MaxOutcomes} outcomes at once; this has {request.Outcomes.Count}.");
        }
        else
        {
            for (var i = 0; i < request.Outcomes.Count; i++)
            {
                var o = request.Outcomes[i];
                var at = $"outcomes[{i}]";
                if (o is null) { errors.Add(at, "An outcome cannot be null."); continue; }
                if (string.IsNullOrWhiteSpace(o.PredictionId) == string.IsNullOrWhiteSpace(o.RequestId))
                    errors.Add(at, "Name the prediction by exactly one of predictionId or requestId.");
                if (o.PredictionId is { Length: > 32 }) errors.Add($"{at}.predictionId", "A prediction id is 32 characters.");
                if (o.RequestId is { Length: > 200 }) errors.Add($"{at}.requestId", "A request id is at most 200 characters.");
                if (string.IsNullOrWhiteSpace(o.Label)) errors.Add($"{at}.label", "Send the true label.");
                else if (o.Label.Length > 200) errors.Add($"{at}.label", "A label is at most 200 characters.");
            }
        }
        return errors.ToDictionary();
    }

    sealed class Errors
    {
        readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
        public void Add(string key, string message) => (_errors.TryGetValue(key, out var list) ? list : _errors[key] = []).Add(message);
        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
