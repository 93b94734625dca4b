using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>The records form's request: feature values by name, as in DESIGN.md.</summary>
public sealed record ScoreRequest(IReadOnlyList<Dictionary<string, JsonElement>>? Records, string? Segment, string? RequestId);

/// <summary>
/// One prediction: the label, each label's probability, the confidence (the predicted label's probability), or a value
/// for regression; <c>imputed</c> names the features the impute policy repaired (the prediction is then flagged).
/// </summary>
public sealed record ScoredPrediction(
    string PredictionId, string? Label, IReadOnlyDictionary<string, double>? Probabilities, double? Confidence, double? Value,
    IReadOnlyList<string>? Imputed = null);

/// <summary>
/// The records form's answer. <c>version</c> is null only when the model's rule-based default answered because no
/// version could serve; <c>fallbackReason</c> says why whenever <c>servedBy</c> is "fallback".
/// </summary>
public sealed record ScoreResponse(string Model, int? Version, string ServedBy, IReadOnlyList<ScoredPrediction> Predictions, string? FallbackReason = null);

/// <summary>
/// Turns contract-checked records into the tensors a version takes, and its outputs into predictions. Two layouts are
/// understood: the console's trainer (a <c>numeric</c> float input plus one string input per category) and any model
/// with a single [batch, n] float input whose contract lists n number, integer or boolean features in input order.
/// </summary>
public static class RecordScoring
{
    public static (List<NamedOnnxValue>? Inputs, string? Error) ToInputs(HostedVersion hosted, IReadOnlyList<FeatureSpec> contract, IReadOnlyList<Dictionary<string, JsonElement>> records)
    {
        var numeric = contract.Where(f => f.Type != FeatureTypes.Category).ToList();
        var names = hosted.Inputs.Select(i => i.Name).ToList();
        if (hosted.Inputs is [{ Type: "float32", Shape: [_, var n] } only] && n == contract.Count && numeric.Count == contract.Count)
            return ([Numbers(only.Name, contract, records)], null);
        var categorical = contract.Where(f => f.Type == FeatureTypes.Category).Select(f => f.Name).ToList();
        var trainerLayout = names.Order(StringComparer.Ordinal).SequenceEqual(
            (numeric.Count > 0 ? ["numeric"] : Array.Empty<string>()).Concat(categorical).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!trainerLayout)
            return (null, "The records form needs a contract that maps onto the model's inputs (one [batch, n] float input, or the console trainer's layout); score this model with the V2 tensor form.");
        var inputs = new List<NamedOnnxValue>();
        if (numeric.Count > 0) inputs.Add(Numbers("numeric", numeric, records));
        foreach (var name in categorical)
        {
            var tensor = new DenseTensor<string>([records.Count, 1]);
            for (var r = 0; r < records.Count; r++) tensor[r, 0] = records[r].TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, tensor));
        }
        return (inputs, null);
    }

    static NamedOnnxValue Numbers(string name, IReadOnlyList<FeatureSpec> features, IReadOnlyList<Dictionary<string, JsonElement>> records)
    {
        var tensor = new DenseTensor<float>([records.Count, features.Count]);
        for (var r = 0; r < records.Count; r++)
        {
            for (var j = 0; j < features.Count; j++)
            {
                var value = records[r].TryGetValue(features[j].Name, out var v) ? v : default;
                tensor[r, j] = value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetSingle(),
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => 0,   // a nullable feature left out
                };
            }
        }
        return NamedOnnxValue.CreateFromTensor(name, tensor);
    }
}
