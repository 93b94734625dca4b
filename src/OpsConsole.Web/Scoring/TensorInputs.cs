using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpsConsole.Scoring;

/// <summary>
/// What the tensor form needs to know about an already-typed input (an ONNX Runtime <see cref="DenseTensor{T}"/>): its
/// V2 datatype, shape and element count, to check it against a version's declared inputs exactly as a V2 JSON input is
/// checked, and the per-row summaries the prediction log keeps, read straight from the tensor's buffer.
/// </summary>
public static class TensorInputs
{
    /// <summary>The input as the request rules see it; a tensor of a type tensor scoring does not take has no datatype.</summary>
    public static RequestedInput Describe(NamedOnnxValue input) => input.Value switch
    {
        DenseTensor<float> t => Requested(input.Name, "FP32", t),
        DenseTensor<double> t => Requested(input.Name, "FP64", t),
        DenseTensor<int> t => Requested(input.Name, "INT32", t),
        DenseTensor<long> t => Requested(input.Name, "INT64", t),
        DenseTensor<sbyte> t => Requested(input.Name, "INT8", t),
        DenseTensor<byte> t => Requested(input.Name, "UINT8", t),
        DenseTensor<bool> t => Requested(input.Name, "BOOL", t),
        _ => new RequestedInput(input.Name, null, null, 0),
    };

    static RequestedInput Requested<T>(string name, string datatype, DenseTensor<T> tensor) =>
        new(name, datatype, [.. tensor.Dimensions.ToArray().Select(d => (long)d)], (int)tensor.Length);

    /// <summary>
    /// One summary per row when the tensor splits evenly into <paramref name="rows"/>, else one for the whole tensor;
    /// the same figures as summarising its values copied into doubles (booleans as 1 and 0), without the copy.
    /// </summary>
    public static IReadOnlyList<TensorSummary> PerRow(NamedOnnxValue input, int rows) => input.Value switch
    {
        DenseTensor<float> t => TensorSummary.PerRow<float>(t.Buffer.Span, rows),
        DenseTensor<double> t => TensorSummary.PerRow<double>(t.Buffer.Span, rows),
        DenseTensor<int> t => TensorSummary.PerRow<int>(t.Buffer.Span, rows),
        DenseTensor<long> t => TensorSummary.PerRow<long>(t.Buffer.Span, rows),
        DenseTensor<sbyte> t => TensorSummary.PerRow<sbyte>(t.Buffer.Span, rows),
        DenseTensor<byte> t => TensorSummary.PerRow<byte>(t.Buffer.Span, rows),
        // A .NET bool is one byte, 1 for true: read as bytes, each is the 1 or 0 the V2 form logs for it.
        DenseTensor<bool> t => TensorSummary.PerRow<byte>(MemoryMarshal.Cast<bool, byte>(t.Buffer.Span), rows),
        _ => throw new ArgumentException($"Input '{input.Name}' is not a tensor tensor scoring accepts.", nameof(input)),
    };
}
