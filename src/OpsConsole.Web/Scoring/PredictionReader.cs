using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Scoring;

/// <summary>What a model said about one row, read from its outputs: a label with probabilities, or a value.</summary>
public sealed record RowPrediction(string? Label, IReadOnlyDictionary<string, double>? Probabilities, double? Confidence, double? Value);

/// <summary>
/// Reads per-row predictions from any ONNX model's outputs, so both scoring forms log and compare predictions the same
/// way. Understood, in order of preference: probabilities as a float tensor [n, k] (the output named "probabilities"
/// first) or as an ai.onnx.ml ZipMap (a sequence of maps); a label tensor [n] or [n, 1] of integers or strings, which
/// wins over the probabilities' arg-max when both exist; else a float [n] or [n, 1] tensor is a regression value.
/// Labels of a probability tensor's columns are the version's labels, else the column index; an integer label is an
/// index into the version's labels unless it is one of them.
/// </summary>
public static class PredictionReader
{
    public static IReadOnlyList<RowPrediction> Read(IReadOnlyList<DisposableNamedOnnxValue> outputs, IReadOnlyList<string> labels)
    {
        var rows = Rows(outputs);
        var probabilities = Probabilities(outputs, labels, rows);
        var predicted = LabelTensor(outputs, labels, rows);
        var value = probabilities is null && predicted is null ? ValueTensor(outputs, rows) : null;
        var result = new RowPrediction[rows];
        for (var r = 0; r < rows; r++)
        {
            if (probabilities?[r] is { } p)
            {
                var best = p.MaxBy(kv => kv.Value);
                var label = predicted?[r] ?? best.Key;
                result[r] = new RowPrediction(label, p, p.TryGetValue(label, out var c) ? c : best.Value, null);
            }
            else
            {
                result[r] = new RowPrediction(predicted?[r], null, null, value?[r]);
            }
        }
        return result;
    }

    static int Rows(IReadOnlyList<DisposableNamedOnnxValue> outputs)
    {
        foreach (var output in outputs)
        {
            if (output.ValueType == OnnxValueType.ONNX_TYPE_SEQUENCE) return output.AsEnumerable<DisposableNamedOnnxValue>().Count();
            if (output.ValueType == OnnxValueType.ONNX_TYPE_TENSOR) return Dimensions(output) is [var n, ..] ? n : 1;
        }
        return 0;
    }

    static int[] Dimensions(DisposableNamedOnnxValue output) => output.ElementType switch
    {
        TensorElementType.Float => output.AsTensor<float>().Dimensions.ToArray(),
        TensorElementType.Double => output.AsTensor<double>().Dimensions.ToArray(),
        TensorElementType.Int64 => output.AsTensor<long>().Dimensions.ToArray(),
        TensorElementType.Int32 => output.AsTensor<int>().Dimensions.ToArray(),
        TensorElementType.String => output.AsTensor<string>().Dimensions.ToArray(),
        TensorElementType.Bool => output.AsTensor<bool>().Dimensions.ToArray(),
        _ => [],
    };

    static Dictionary<string, double>[]? Probabilities(IReadOnlyList<DisposableNamedOnnxValue> outputs, IReadOnlyList<string> labels, int rows)
    {
        static bool IsMatrix(DisposableNamedOnnxValue o) => o.ValueType == OnnxValueType.ONNX_TYPE_TENSOR
            && o.ElementType is TensorElementType.Float or TensorElementType.Double && Dimensions(o) is [_, > 1];
        var tensor = outputs.FirstOrDefault(o => o.Name == "probabilities" && IsMatrix(o)) ?? outputs.FirstOrDefault(IsMatrix);
        if (tensor is not null)
        {
            var values = tensor.ElementType == TensorElementType.Float
                ? tensor.AsTensor<float>().ToArray().Select(v => (double)v).ToArray()
                : tensor.AsTensor<double>().ToArray();
            var k = values.Length / Math.Max(rows, 1);
            var result = new Dictionary<string, double>[rows];
            for (var r = 0; r < rows; r++)
            {
                result[r] = new Dictionary<string, double>(k, StringComparer.Ordinal);
                for (var j = 0; j < k; j++) result[r][j < labels.Count ? labels[j] : j.ToString(CultureInfo.InvariantCulture)] = values[r * k + j];
            }
            return result;
        }
        var zipMap = outputs.FirstOrDefault(o => o.ValueType == OnnxValueType.ONNX_TYPE_SEQUENCE);
        if (zipMap is null) return null;
        // ZipMap keys are class ids as text; name them as the label tensor's values are, so label and keys agree.
        return [.. zipMap.AsEnumerable<DisposableNamedOnnxValue>().Select(row => V2Tensors.MapRow(row).ToDictionary(
            kv => long.TryParse(kv.Key, System.Globalization.NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? ClassName(id, labels) : kv.Key,
            kv => (double)kv.Value, StringComparer.Ordinal))];
    }

    static string?[]? LabelTensor(IReadOnlyList<DisposableNamedOnnxValue> outputs, IReadOnlyList<string> labels, int rows)
    {
        var tensor = outputs.FirstOrDefault(o => o.ValueType == OnnxValueType.ONNX_TYPE_TENSOR
            && o.ElementType is TensorElementType.Int64 or TensorElementType.Int32 or TensorElementType.String
            && Dimensions(o) is [_] or [_, 1]);
        if (tensor is null) return null;
        string?[] names = tensor.ElementType switch
        {
            TensorElementType.Int64 => [.. tensor.AsTensor<long>().ToArray().Select(v => ClassName(v, labels))],
            TensorElementType.Int32 => [.. tensor.AsTensor<int>().ToArray().Select(v => ClassName(v, labels))],
            _ => tensor.AsTensor<string>().ToArray(),
        };
        return names.Length == rows ? names : null;
    }

    // An integer label is a class index into the version's labels (the console's trainer writes it so), unless it is
    // itself one of the labels (a classifier whose classes are the numbers 3 and 7).
    static string ClassName(long value, IReadOnlyList<string> labels)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return labels.Contains(text, StringComparer.Ordinal) || value < 0 || value >= labels.Count ? text : labels[(int)value];
    }

    static double?[]? ValueTensor(IReadOnlyList<DisposableNamedOnnxValue> outputs, int rows)
    {
        var tensor = outputs.FirstOrDefault(o => o.ValueType == OnnxValueType.ONNX_TYPE_TENSOR
            && o.ElementType is TensorElementType.Float or TensorElementType.Double && Dimensions(o) is [_] or [_, 1]);
        if (tensor is null) return null;
        double?[] values = tensor.ElementType == TensorElementType.Float
            ? [.. tensor.AsTensor<float>().ToArray().Select(v => (double?)v)]
            : [.. tensor.AsTensor<double>().ToArray().Select(v => (double?)v)];
        return values.Length == rows ? values : null;
    }
}
