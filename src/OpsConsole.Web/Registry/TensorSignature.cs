namespace OpsConsole.Registry;

/// <summary>
/// One input or output as the model declares it: element type in ONNX's words (float32, int64, bool, ...) and shape,
/// with -1 for a dynamic dimension. Non-tensor outputs carry a type such as <c>seq(map(int64,float32))</c> and no shape.
/// </summary>
public sealed record TensorSignature(string Name, string Type, IReadOnlyList<long> Shape);
