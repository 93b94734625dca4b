using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Scoring;

/// <summary>Turns V2 JSON tensors into ONNX Runtime inputs and ONNX Runtime outputs back into V2 JSON tensors.</summary>
public static class V2Tensors
{
    /// <summary>How many scalar values a request's data holds: nested arrays are walked, as the protocol allows both forms.</summary>
    public static int Count(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Undefined) return 0;
        if (data.ValueKind != JsonValueKind.Array) return 1;
        var count = 0;
        foreach (var item in data.EnumerateArray()) count += item.ValueKind == JsonValueKind.Array ? Count(item) : 1;
        return count;
    }

    /// <summary>
    /// Builds the ONNX Runtime input straight from the JSON values (flat or nested, row-major) and, in the same pass,
    /// the values as doubles for the log's summaries; or says which value could not be read as the datatype.
    /// </summary>
    public static (NamedOnnxValue? Value, double[]? Numbers, string? Error) ToOnnx(string name, string datatype, IReadOnlyList<long> shape, JsonElement data, int count)
    {
        var dims = shape.Select(d => (int)d).ToArray();
        var numbers = new double[count];
        try
        {
            NamedOnnxValue? value = datatype switch
            {
                "FP32" => Tensor(name, data, numbers, dims, v => v.GetSingle(), x => x),
                "FP64" => Tensor(name, data, numbers, dims, v => v.GetDouble(), x => x),
                "INT32" => Tensor(name, data, numbers, dims, v => v.GetInt32(), x => x),
                "INT64" => Tensor(name, data, numbers, dims, v => v.GetInt64(), x => x),
                "INT8" => Tensor(name, data, numbers, dims, v => v.GetSByte(), x => x),
                "UINT8" => Tensor(name, data, numbers, dims, v => v.GetByte(), x => x),
                "BOOL" => Tensor(name, data, numbers, dims, v => v.GetBoolean(), x => x ? 1 : 0),
                _ => null,
            };
            return value is null ? (null, null, $"Input '{name}' has datatype {datatype}, which tensor scoring does not accept.") : (value, numbers, null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            return (null, null, $"Input '{name}' holds a value that is not {datatype}.");
        }
    }

    static NamedOnnxValue Tensor<T>(string name, JsonElement data, double[] numbers, int[] dims, Func<JsonElement, T> read, Func<T, double> toDouble)
    {
        var values = new T[numbers.Length];
        var at = 0;
        void Walk(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                var value = read(element);
                values[at] = value;
                numbers[at++] = toDouble(value);
                return;
            }
            foreach (var item in element.EnumerateArray()) Walk(item);
        }
        Walk(data);
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, dims));
    }

    /// <summary>
    /// One output as V2 JSON. Tensors keep their shape and datatype; a sequence of maps (an ai.onnx.ml ZipMap) becomes
    /// shape [N] with one JSON object per row, keys as strings, and the datatype "BYTES" of the protocol's opaque values.
    /// </summary>
    public static V2Output FromOnnx(DisposableNamedOnnxValue value)
    {
        if (value.ValueType == OnnxValueType.ONNX_TYPE_SEQUENCE)
        {
            var rows = value.AsEnumerable<DisposableNamedOnnxValue>().Select(MapRow).ToList();
            return new V2Output(value.Name, [rows.Count], "BYTES", rows);
        }
        return value.ElementType switch
        {
            TensorElementType.Float => Tensor<float>(value, "FP32"),
            TensorElementType.Double => Tensor<double>(value, "FP64"),
            TensorElementType.Int32 => Tensor<int>(value, "INT32"),
            TensorElementType.Int64 => Tensor<long>(value, "INT64"),
            TensorElementType.Int8 => Tensor<sbyte>(value, "INT8"),
            TensorElementType.UInt8 => Tensor<byte>(value, "UINT8"),
            TensorElementType.Bool => Tensor<bool>(value, "BOOL"),
            TensorElementType.String => Tensor<string>(value, "BYTES"),
            _ => throw new NotSupportedException($"Output '{value.Name}' has element type {value.ElementType}."),
        };
    }

    static V2Output Tensor<T>(DisposableNamedOnnxValue value, string datatype)
    {
        var tensor = value.AsTensor<T>();
        return new V2Output(value.Name, [.. tensor.Dimensions.ToArray().Select(d => (long)d)], datatype, tensor.ToArray());
    }

    public static Dictionary<string, float> MapRow(DisposableNamedOnnxValue row)
    {
        try
        {
            return row.AsDictionary<long, float>().ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value);
        }
        catch (InvalidCastException)
        {
            return row.AsDictionary<string, float>().ToDictionary(kv => kv.Key, kv => kv.Value);
        }
    }
}
