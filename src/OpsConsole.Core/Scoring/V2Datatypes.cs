namespace OpsConsole.Scoring;

/// <summary>
/// The Open Inference Protocol's datatype names beside ONNX Runtime's element type names as the registry records them
/// (float32 is FP32, int64 is INT64, bool is BOOL, string is BYTES).
/// </summary>
public static class V2Datatypes
{
    static readonly (string Onnx, string V2)[] Pairs =
    [
        ("bool", "BOOL"), ("uint8", "UINT8"), ("uint16", "UINT16"), ("uint32", "UINT32"), ("uint64", "UINT64"),
        ("int8", "INT8"), ("int16", "INT16"), ("int32", "INT32"), ("int64", "INT64"),
        ("float16", "FP16"), ("float32", "FP32"), ("float64", "FP64"), ("bfloat16", "BF16"), ("string", "BYTES"),
    ];

    /// <summary>The V2 name of an ONNX element type, or null for a type V2 cannot carry (sequences, maps).</summary>
    public static string? FromOnnx(string onnxType) => Pairs.FirstOrDefault(p => p.Onnx == onnxType).V2;

    public static string? ToOnnx(string v2Datatype) => Pairs.FirstOrDefault(p => p.V2 == v2Datatype).Onnx;

    /// <summary>Datatypes the console accepts in requests: numbers and booleans (tensor scoring for any ONNX model).</summary>
    public static IReadOnlyList<string> Accepted { get; } = ["BOOL", "UINT8", "INT8", "INT32", "INT64", "FP32", "FP64"];
}
