using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Scoring;

/// <summary>Turns V2 JSON tensors into ONNX Runtime inputs and ONNX Runtime outputs back into V2 JSON tensors.</summary>
public static class V2Tensors
{
    /// <summary>The request's values in row-major order: nested arrays are flattened, as the protocol allows both forms.</summary>
    public static List<JsonElement> Flatten(JsonElement data)
    {
        var values = new List<JsonElement>();
        void Walk(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                values.Add(element);
                return;
            }
            foreach (var item in element.EnumerateArray()) Walk(item);
        }
        if (data.ValueKind != JsonValueKind.Undefined) Walk(data);
        return values;
    }

    /// <summary>Builds the ONNX Runtime input, or says which value could not be read as the datatype.</summary>
    public static (NamedOnnxValue? Value, string? Error) ToOnnx(string name, string datatype, IReadOnlyList<long> shape, List<JsonElement> values)
    {
        var dims = shape.Select(d => (int)d).ToArray();
        try
        {
            return datatype switch
            {
                "FP32" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values.Select(v => v.GetSingle()).ToArray(), dims)), null),
                "FP64" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(values.Select(v => v.GetDouble()).ToArray(), dims)), null),
                "INT32" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(values.Select(v => v.GetInt32()).ToArray(), dims)), null),
                "INT64" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(values.Select(v => v.GetInt64()).ToArray(), dims)), null),
                "INT8" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<sbyte>(values.Select(v => v.GetSByte()).ToArray(), dims)), null),
                "UINT8" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<byte>(values.Select(v => v.GetByte()).ToArray(), dims)), null),
                "BOOL" => (NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(values.Select(v => v.GetBoolean()).ToArray(), dims)), null),
                _ => (null, $"Input '{name}' has datatype {datatype}, which tensor scoring does not accept."),
            };
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            return (null, $"Input '{name}' holds a value that is not {datatype}.");
        }
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
