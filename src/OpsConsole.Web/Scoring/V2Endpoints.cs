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
        string model, V2InferRequest request, HttpResponse response, TensorScorer scorer, CancellationToken cancellationToken) =>
        Answer(await scorer.InferAsync(model, null, request, cancellationToken), response);

    static async Task<Results<Ok<V2InferResponse>, BadRequest<V2Error>, NotFound<V2Error>, JsonHttpResult<V2Error>>> InferVersion(
        string model, int version, V2InferRequest request, HttpResponse response, TensorScorer scorer, CancellationToken cancellationToken) =>
        Answer(await scorer.InferAsync(model, version, request, cancellationToken), response);

    static Results<Ok<V2InferResponse>, BadRequest<V2Error>, NotFound<V2Error>, JsonHttpResult<V2Error>> Answer(TensorScoreResult result, HttpResponse response)
    {
        if (result.Response is { } answer)
        {
            response.Headers[ServedByHeader] = result.ServedBy;
            return TypedResults.Ok(answer);
        }
        return result.Status switch
        {
            StatusCodes.Status400BadRequest => TypedResults.BadRequest(new V2Error(result.Error!)),
            StatusCodes.Status404NotFound => TypedResults.NotFound(new V2Error(result.Error!)),
            _ => TypedResults.Json(new V2Error(result.Error!), statusCode: result.Status),
        };
    }

    static JsonHttpResult<V2Error> Unavailable(string model) =>
        TypedResults.Json(new V2Error($"'{model}' has no version in production; promote one, or call /versions/{{version}}/infer."), statusCode: StatusCodes.Status503ServiceUnavailable);

    static List<V2TensorMetadata> Describe(IReadOnlyList<TensorSignature> tensors) =>
        [.. tensors.Select(t => new V2TensorMetadata(t.Name, V2Datatypes.FromOnnx(t.Type) ?? t.Type.ToUpperInvariant(), t.Shape))];
}
