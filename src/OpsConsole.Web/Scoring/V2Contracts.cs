using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsConsole.Scoring;

// The Open Inference Protocol (KServe / Triton "V2") REST bodies, with the protocol's snake_case names.

/// <summary>One input tensor of an infer request; <c>data</c> may be flat (row-major) or nested.</summary>
public sealed record V2Input(string? Name, IReadOnlyList<long>? Shape, string? Datatype, JsonElement Data);

/// <summary>Names an output the client wants; without any, every output is returned.</summary>
public sealed record V2OutputRequest(string? Name);

public sealed record V2InferRequest(string? Id, IReadOnlyList<V2Input>? Inputs, IReadOnlyList<V2OutputRequest>? Outputs);

public sealed record V2Output(string Name, IReadOnlyList<long> Shape, string Datatype, object Data);

public sealed record V2InferResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    string? Id,
    IReadOnlyList<V2Output> Outputs);

public sealed record V2TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

public sealed record V2ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<V2TensorMetadata> Inputs, IReadOnlyList<V2TensorMetadata> Outputs);

public sealed record V2Error(string Error);
