namespace OpsConsole.Scoring;

/// <summary>One input as a model declares it: ONNX element type and shape, -1 for a dynamic dimension.</summary>
public sealed record DeclaredInput(string Name, string OnnxType, IReadOnlyList<long> Shape);

/// <summary>One input of a V2 infer request: name, datatype, shape and how many values its flat data holds.</summary>
public sealed record RequestedInput(string? Name, string? Datatype, IReadOnlyList<long>? Shape, int DataLength);

/// <summary>
/// Checks a V2 infer request against the model's declared inputs before anything reaches ONNX Runtime: every declared
/// input present once, no unknown ones, the datatype the model declares, the rank it declares, fixed dimensions equal,
/// dynamic ones positive, and exactly as many values as the shape holds. Messages are the sentences the protocol's
/// <c>{ "error": "..." }</c> carries.
/// </summary>
public static class TensorRequestRules
{
    public const long MaxElements = 64L * 1024 * 1024;

    public static IReadOnlyList<string> Check(IReadOnlyList<DeclaredInput> declared, IReadOnlyList<RequestedInput> requested)
    {
        var errors = new List<string>();
        var byName = new Dictionary<string, RequestedInput>(StringComparer.Ordinal);
        foreach (var input in requested)
        {
            if (string.IsNullOrEmpty(input.Name)) { errors.Add("Every input needs a name."); continue; }
            if (!byName.TryAdd(input.Name, input)) errors.Add($"Input '{input.Name}' appears more than once.");
        }
        foreach (var name in byName.Keys.Where(n => declared.All(d => d.Name != n)))
            errors.Add($"The model has no input '{name}'; it takes {string.Join(", ", declared.Select(d => d.Name))}.");
        foreach (var input in declared)
        {
            if (!byName.TryGetValue(input.Name, out var given)) errors.Add($"Input '{input.Name}' is missing.");
            else errors.AddRange(CheckOne(input, given));
        }
        return errors;
    }

    static IEnumerable<string> CheckOne(DeclaredInput declared, RequestedInput given)
    {
        var expected = V2Datatypes.FromOnnx(declared.OnnxType);
        if (expected is null || !V2Datatypes.Accepted.Contains(expected))
        {
            yield return $"Input '{declared.Name}' is {declared.OnnxType}, which tensor scoring does not accept.";
            yield break;
        }
        if (given.Datatype != expected) yield return $"Input '{declared.Name}' must be {expected}, not {given.Datatype ?? "missing"}.";
        if (given.Shape is not { } shape)
        {
            yield return $"Input '{declared.Name}' has no shape.";
            yield break;
        }
        if (shape.Count != declared.Shape.Count)
        {
            yield return $"Input '{declared.Name}' must have {declared.Shape.Count} dimensions {Describe(declared.Shape)}, not {shape.Count}.";
            yield break;
        }
        for (var i = 0; i < shape.Count; i++)
        {
            if (shape[i] <= 0) yield return $"Input '{declared.Name}' dimension {i} must be positive, not {shape[i]}.";
            else if (declared.Shape[i] >= 0 && shape[i] != declared.Shape[i])
                yield return $"Input '{declared.Name}' dimension {i} must be {declared.Shape[i]}, not {shape[i]}.";
        }
        if (shape.All(d => d > 0))
        {
            var elements = shape.Aggregate(1L, (product, d) => product > MaxElements ? product : product * d);
            if (elements > MaxElements) yield return $"Input '{declared.Name}' holds more than {MaxElements} values.";
            else if (elements != given.DataLength)
                yield return $"Input '{declared.Name}' has shape {Describe(shape)}, which holds {elements} values, but its data has {given.DataLength}.";
        }
    }

    static string Describe(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape.Select(d => d < 0 ? "-1" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
