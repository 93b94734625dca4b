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
    /// Builds the ONNX Runtime input straight from the JSON values (flat or nested, row-major), or says which value could
    /// not be read as the datatype. The log's summaries are read from the tensor itself afterwards (<see cref="TensorInputs"/>),
    /// so no copy of the values as doubles is made: at 65,536 values that copy was half a megabyte a request.
    /// </summary>
    public static (NamedOnnxValue? Value, string? Error) ToOnnx(string name, string datatype, IReadOnlyList<long> shape, JsonElement data, int count)
    {
        if (!V2Datatypes.Accepted.Contains(datatype)) return (null, $"Input '{name}' has datatype {datatype}, which tensor scoring does not accept.");
        var dims = shape.Select(d => (int)d).ToArray();
        try
        {
            var value = datatype switch
            {
                "FP32" => Tensor<float>(name, data, count, dims),
                "FP64" => Tensor<double>(name, data, count, dims),
                "INT32" => Tensor<int>(name, data, count, dims),
                "INT64" => Tensor<long>(name, data, count, dims),
                "INT8" => Tensor<sbyte>(name, data, count, dims),
                "UINT8" => Tensor<byte>(name, data, count, dims),
                "BOOL" => Tensor<bool>(name, data, count, dims),
                _ => throw new InvalidOperationException($"V2Datatypes.Accepted holds {datatype}, which ToOnnx does not build."),
            };
            return (value, null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            return (null, $"Input '{name}' holds a value that is not {datatype}.");
        }
    }

    static NamedOnnxValue Tensor<T>(string name, JsonElement data, int count, int[] dims)
    {
        var values = new T[count];
        var at = 0;
        Walk(data, values, ref at);
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, dims));
    }

    static void Walk<T>(JsonElement element, T[] values, ref int at)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            values[at++] = Read<T>(element);
            return;
        }
        foreach (var item in element.EnumerateArray()) Walk(item, values, ref at);
    }

    // The typeof tests are constants to the JIT, so each T compiles to its one read, and the casts through object to none.
    static T Read<T>(JsonElement element)
    {
        if (typeof(T) == typeof(float)) return (T)(object)element.GetSingle();
        if (typeof(T) == typeof(double)) return (T)(object)element.GetDouble();
        if (typeof(T) == typeof(int)) return (T)(object)element.GetInt32();
        if (typeof(T) == typeof(long)) return (T)(object)element.GetInt64();
        if (typeof(T) == typeof(sbyte)) return (T)(object)element.GetSByte();
        if (typeof(T) == typeof(byte)) return (T)(object)element.GetByte();
        return (T)(object)element.GetBoolean();
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
