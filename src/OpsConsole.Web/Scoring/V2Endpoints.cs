using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// The Open Inference Protocol (V2) REST routes, so existing KServe and Triton clients score any ONNX model in the
/// registry unchanged. Errors are the protocol's <c>{ "error": "..." }</c>.
/// </summary>
public static class V2Endpoints
{
    public const string ServedByHeader = "X-Served-By";
    const string Platform = "onnxruntime_onnx";

    public static RouteGroupBuilder MapV2Endpoints(this IEndpointRouteBuilder routes)
    {
        var v2 = routes.MapGroup("/v2").WithTags("Inference (V2)");
        v2.MapGet("/health/live", () => TypedResults.Ok(new { live = true })).AllowAnonymous();
        v2.MapGet("/health/ready", () => TypedResults.Ok(new { ready = true })).AllowAnonymous();
        var models = v2.MapGroup("/models/{model}").RequireAuthorization(Policies.Viewer);
        models.MapGet("/", Metadata).WithSummary("Name, versions, platform and the input and output tensors of the serving version.");
        models.MapGet("/ready", Ready).WithSummary("200 when a version serves and its artifact loads.");
        models.MapPost("/infer", InferServing).WithSummary("Scores with the production version; X-Served-By says which stage served.");
        models.MapPost("/versions/{version:int}/infer", InferVersion).WithSummary("Scores with one named version.");
        return v2;
    }

    static async Task<Results<Ok<V2ModelMetadata>, NotFound<V2Error>, JsonHttpResult<V2Error>>> Metadata(
        string model, RegistryQueries registry, ModelHost host, CancellationToken cancellationToken)
    {
        var view = await registry.ModelAsync(model, cancellationToken);
        if (view is null) return TypedResults.NotFound(new V2Error($"There is no model named '{model}'."));
        var versions = (await registry.VersionsAsync(model, cancellationToken))!.Where(v => !v.IsBroken).Select(v => v.Version.ToString(CultureInfo.InvariantCulture)).ToList();
        if (view.Production is not { } serving) return Unavailable(model);
        var (hosted, error) = await host.GetAsync(model, serving, cancellationToken);
        if (hosted is null) return TypedResults.Json(new V2Error(error!), statusCode: StatusCodes.Status503ServiceUnavailable);
        return TypedResults.Ok(new V2ModelMetadata(model, versions, Platform, Describe(hosted.Inputs), Describe(hosted.Outputs)));
    }

    static async Task<Results<Ok<object>, NotFound<V2Error>, JsonHttpResult<V2Error>>> Ready(string model, RegistryQueries registry, ModelHost host, CancellationToken cancellationToken)
    {
        var view = await registry.ModelAsync(model, cancellationToken);
        if (view is null) return TypedResults.NotFound(new V2Error($"There is no model named '{model}'."));
        if (view.Production is not { } serving) return Unavailable(model);
        var (hosted, error) = await host.GetAsync(model, serving, cancellationToken);
        return hosted is null
            ? TypedResults.Json(new V2Error(error!), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok<object>(new { name = model, ready = true });
    }

    static async Task<Results<Ok<V2InferResponse>, BadRequest<V2Error>, NotFound<V2Error>, JsonHttpResult<V2Error>>> InferServing(
        string model, V2InferRequest request, HttpResponse response, RegistryQueries registry, ServingChain serving, ModelHost host, CancellationToken cancellationToken)
    {
        var view = await registry.ModelAsync(model, cancellationToken);
        if (view is null) return TypedResults.NotFound(new V2Error($"There is no model named '{model}'."));
        // TODO(#5): shadow scoring and the prediction log.
        var chain = await serving.ForAsync(view, request.Id ?? Guid.CreateVersion7().ToString("N"), cancellationToken);
        if (chain.Count == 0) return Unavailable(model);
        var failures = new List<string>();
        foreach (var candidate in chain)
        {
            var result = await InferAsync(model, candidate.Version, candidate.ServedBy, request, response, host, cancellationToken);
            // A bad request is the caller's to fix, and only the first version's answer counts for it; a version that
            // cannot load or run hands the request to the next one.
            if (result.Result is Ok<V2InferResponse> || (candidate == chain[0] && result.Result is BadRequest<V2Error>)) return result;
            failures.Add($"v{candidate.Version}: {Describe(result.Result)}");
        }
        return TypedResults.Json(new V2Error($"No version of {model} could serve this request: {string.Join("; ", failures)}"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    static string Describe(IResult result) => result switch
    {
        BadRequest<V2Error> bad => bad.Value!.Error,
        JsonHttpResult<V2Error> json => json.Value!.Error,
        _ => "failed",
    };

    static async Task<Results<Ok<V2InferResponse>, BadRequest<V2Error>, NotFound<V2Error>, JsonHttpResult<V2Error>>> InferVersion(
        string model, int version, V2InferRequest request, HttpResponse response, RegistryQueries registry, ModelHost host, CancellationToken cancellationToken)
    {
        var view = await registry.VersionAsync(model, version, cancellationToken);
        if (view is null) return TypedResults.NotFound(new V2Error($"'{model}' has no version {version}."));
        return await InferAsync(model, version, view.Stage, request, response, host, cancellationToken);
    }

    static async Task<Results<Ok<V2InferResponse>, BadRequest<V2Error>, NotFound<V2Error>, JsonHttpResult<V2Error>>> InferAsync(
        string model, int version, string servedBy, V2InferRequest request, HttpResponse response, ModelHost host, CancellationToken cancellationToken)
    {
        var (hosted, loadError) = await host.GetAsync(model, version, cancellationToken);
        if (hosted is null) return TypedResults.Json(new V2Error(loadError!), statusCode: StatusCodes.Status503ServiceUnavailable);

        var inputs = request.Inputs ?? [];
        var flattened = inputs.Select(i => V2Tensors.Flatten(i.Data)).ToList();
        var declared = hosted.Inputs.Select(i => new DeclaredInput(i.Name, i.Type, i.Shape)).ToList();
        var errors = TensorRequestRules.Check(declared, [.. inputs.Select((i, n) => new RequestedInput(i.Name, i.Datatype, i.Shape, flattened[n].Count))]);
        var wanted = request.Outputs?.Select(o => o.Name).ToList();
        if (wanted?.FirstOrDefault(w => hosted.Outputs.All(o => o.Name != w)) is { } unknown) errors = [.. errors, $"The model has no output '{unknown}'."];
        if (errors.Count > 0) return TypedResults.BadRequest(new V2Error(string.Join(" ", errors)));

        var values = new List<Microsoft.ML.OnnxRuntime.NamedOnnxValue>();
        for (var n = 0; n < inputs.Count; n++)
        {
            var (value, error) = V2Tensors.ToOnnx(inputs[n].Name!, inputs[n].Datatype!, inputs[n].Shape!, flattened[n]);
            if (value is null) return TypedResults.BadRequest(new V2Error(error!));
            values.Add(value);
        }
        try
        {
            using var results = wanted is { Count: > 0 } ? hosted.Session.Run(values, wanted!) : hosted.Session.Run(values);
            response.Headers[ServedByHeader] = servedBy;
            return TypedResults.Ok(new V2InferResponse(model, version.ToString(CultureInfo.InvariantCulture), request.Id, [.. results.Select(V2Tensors.FromOnnx)]));
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException exception)   // a model fault is never a bare 500
        {
            return TypedResults.Json(new V2Error($"v{version} failed: {exception.Message}"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    static JsonHttpResult<V2Error> Unavailable(string model) =>
        TypedResults.Json(new V2Error($"'{model}' has no version in production; promote one, or call /versions/{{version}}/infer."), statusCode: StatusCodes.Status503ServiceUnavailable);

    static List<V2TensorMetadata> Describe(IReadOnlyList<TensorSignature> tensors) =>
        [.. tensors.Select(t => new V2TensorMetadata(t.Name, V2Datatypes.FromOnnx(t.Type) ?? t.Type.ToUpperInvariant(), t.Shape))];
}
