using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Registry;

/// <summary>What ONNX Runtime says of an artifact: its signature, or why it cannot load it.</summary>
public sealed record OnnxInspection(IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs, string? Error)
{
    public bool IsLoadable => Error is null;
}

/// <summary>Loads an artifact into ONNX Runtime once to prove it runs here and to read its declared signature.</summary>
public static class OnnxInspector
{
    public static OnnxInspection Inspect(byte[] artifact)
    {
        try
        {
            using var options = OnnxSessionOptions.Create(GraphOptimizationLevel.ORT_DISABLE_ALL);
            using var session = new InferenceSession(artifact, options);
            return new OnnxInspection(
                [.. session.InputMetadata.Select(kv => Describe(kv.Key, kv.Value))],
                [.. session.OutputMetadata.Select(kv => Describe(kv.Key, kv.Value))],
                null);
        }
        catch (OnnxRuntimeException exception)
        {
            return new OnnxInspection([], [], exception.Message);
        }
    }

    static TensorSignature Describe(string name, NodeMetadata metadata) =>
        metadata.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR
            ? new TensorSignature(name, ElementName(metadata.ElementDataType), [.. metadata.Dimensions.Select(d => (long)d)])
            : new TensorSignature(name, TypeName(metadata), []);

    // ZipMap outputs are sequences of maps; ORT throws if a tensor property is read from them, so switch on the kind first.
    static string TypeName(NodeMetadata metadata) => metadata.OnnxValueType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => ElementName(metadata.ElementDataType),
        OnnxValueType.ONNX_TYPE_SEQUENCE => $"seq({TypeName(metadata.AsSequenceMetadata().ElementMeta)})",
        OnnxValueType.ONNX_TYPE_MAP => $"map({ElementName(metadata.AsMapMetadata().KeyDataType)},{TypeName(metadata.AsMapMetadata().ValueMetadata)})",
        _ => metadata.OnnxValueType.ToString(),
    };

    public static string ElementName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Double => "float64",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int16 => "int16",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.Int32 => "int32",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.Int64 => "int64",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };
}
