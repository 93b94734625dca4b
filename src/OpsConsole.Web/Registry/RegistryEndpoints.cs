using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Registry;

public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/models").WithTags("Registry").RequireAuthorization(Policies.Viewer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListModels).WithSummary("Every model with its production, canary and shadow versions.");
        api.MapPost("/", CreateModel).RequireAuthorization(Policies.Engineer).WithSummary("Registers a model name.");
        api.MapGet("/{name}", GetModel).WithSummary("One model with its serving versions and its promotion gate.");
        api.MapGet("/{name}/versions", ListVersions).WithSummary("Every version of the model, newest first, with signature, contract and lineage.");
        api.MapGet("/{name}/versions/{version:int}", GetVersion).WithSummary("One version with signature, contract, lineage and stage.");
        // API clients send the artifact with a key, not a browser form: antiforgery does not apply, and the Lax
        // sign-in cookie is not sent on a cross-site post.
        api.MapPost("/{name}/versions", UploadVersion).RequireAuthorization(Policies.Engineer).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Uploads a version: 'file' is the .onnx artifact, 'metadata' an optional JSON contract and lineage.");
        api.MapPost("/{name}/versions/{version:int}/stage", ChangeStage).RequireAuthorization(Policies.Engineer)
            .WithSummary("Moves a version to a stage; production and canary pass the promotion gate first.");
        api.MapPost("/{name}/rollback", Rollback).RequireAuthorization(Policies.Engineer)
            .WithSummary("Returns production to the previous production version.");
        api.MapGet("/{name}/production", ProductionAt).WithSummary("Which version served production at a time (?at=ISO-8601, default now).");
        api.MapGet("/{name}/history", History).WithSummary("The append-only promotion log, newest first.");
        api.MapGet("/{name}/diff", Diff).WithSummary("Two versions side by side (?from=&to=): contract changes and metrics.");
        api.MapPost("/{name}/versions/{version:int}/contract/derive", DeriveContract).RequireAuthorization(Policies.Engineer).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Proposes a contract from a sample CSV ('file') for a version with one [batch, n] float input; saves nothing.");
        api.MapPut("/{name}/versions/{version:int}/contract", SetContract).RequireAuthorization(Policies.Engineer)
            .WithSummary("Gives a version registered without a contract its contract, once.");
        api.MapPut("/{name}/gate", SetGate).RequireAuthorization(Policies.Lead).WithSummary("Sets the model's promotion gate.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<ModelView>>> ListModels(RegistryQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ModelsAsync(cancellationToken));

    static async Task<Results<Created<ModelView>, ValidationProblem>> CreateModel(NewModel input, ClaimsPrincipal user, ModelRegistration registration, CancellationToken cancellationToken)
    {
        var outcome = await registration.CreateModelAsync(input, RegistryActor.From(user), cancellationToken);
        return outcome.Value is { } model ? TypedResults.Created($"/api/models/{model.Name}", model) : TypedResults.ValidationProblem(outcome.Errors);
    }

    static async Task<Results<Ok<ModelView>, ProblemHttpResult>> GetModel(string name, RegistryQueries queries, CancellationToken cancellationToken) =>
        await queries.ModelAsync(name, cancellationToken) is { } model ? TypedResults.Ok(model) : NoModel(name);

    static async Task<Results<Ok<IReadOnlyList<VersionView>>, ProblemHttpResult>> ListVersions(string name, RegistryQueries queries, CancellationToken cancellationToken) =>
        await queries.VersionsAsync(name, cancellationToken) is { } versions ? TypedResults.Ok(versions) : NoModel(name);

    static async Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersion(string name, int version, RegistryQueries queries, CancellationToken cancellationToken) =>
        await queries.VersionAsync(name, version, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.Problem($"'{name}' has no version {version}.", statusCode: 404);

    static async Task<Results<Created<VersionView>, ValidationProblem, ProblemHttpResult>> UploadVersion(
        string name, HttpRequest request, ClaimsPrincipal user, ModelRegistration registration, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with the artifact as 'file'."] });
        LargeBody.Allow(request, options.Value.MaxArtifactBytes);
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files["file"];
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The 'file' part with the .onnx artifact is missing."] });
        if (file.Length > options.Value.MaxArtifactBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [$"The artifact is {file.Length / 1024 / 1024} MB; the limit is {options.Value.MaxArtifactMegabytes} MB (Registry:MaxArtifactMegabytes)."],
            });
        }

        VersionMetadata? metadata = null;
        if (form.TryGetValue("metadata", out var text) && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                metadata = JsonSerializer.Deserialize<VersionMetadata>(text.ToString(), RegistryJson.Options);
            }
            catch (JsonException exception)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["metadata"] = [$"The metadata is not valid JSON for a version: {exception.Message}"] });
            }
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var outcome = await registration.UploadVersionAsync(name, buffer.ToArray(), metadata, RegistryActor.From(user), cancellationToken);
        return OutcomeResults.CreatedVersion(name, outcome);
    }

    static async Task<Results<Ok<VersionView>, ValidationProblem, ProblemHttpResult>> ChangeStage(
        string name, int version, StageChange input, ClaimsPrincipal user, StageChanger changer, CancellationToken cancellationToken) =>
        OutcomeResults.Ok(await changer.ChangeAsync(name, version, input, RegistryActor.From(user), cancellationToken));

    static async Task<Results<Ok<VersionView>, ValidationProblem, ProblemHttpResult>> Rollback(
        string name, RollbackRequest input, ClaimsPrincipal user, StageChanger changer, CancellationToken cancellationToken) =>
        OutcomeResults.Ok(await changer.RollbackAsync(name, input.Reason, RegistryActor.From(user), cancellationToken));

    static async Task<Results<Ok<ProductionAtView>, ProblemHttpResult>> ProductionAt(
        string name, DateTimeOffset? at, RegistryQueries queries, TimeProvider time, CancellationToken cancellationToken) =>
        await queries.ProductionAtAsync(name, at ?? time.GetUtcNow(), cancellationToken) is { } view ? TypedResults.Ok(view) : NoModel(name);

    static async Task<Results<Ok<IReadOnlyList<TransitionView>>, ProblemHttpResult>> History(string name, RegistryQueries queries, CancellationToken cancellationToken) =>
        await queries.HistoryAsync(name, cancellationToken) is { } history ? TypedResults.Ok(history) : NoModel(name);

    static async Task<Results<Ok<VersionDiffView>, ProblemHttpResult>> Diff(string name, int from, int to, RegistryQueries queries, CancellationToken cancellationToken) =>
        await queries.DiffAsync(name, from, to, cancellationToken) is { } diff ? TypedResults.Ok(diff) : TypedResults.Problem($"'{name}' lacks version {from} or {to}.", statusCode: 404);

    static async Task<Results<Ok<ModelView>, ValidationProblem, ProblemHttpResult>> SetGate(
        string name, GatePolicy policy, ModelRegistration registration, CancellationToken cancellationToken) =>
        OutcomeResults.Ok(await registration.SetGateAsync(name, policy, cancellationToken));

    static async Task<Results<Ok<IReadOnlyList<FeatureSpec>>, ValidationProblem, ProblemHttpResult>> DeriveContract(
        string name, int version, HttpRequest request, ContractEditor contracts, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || (await request.ReadFormAsync(cancellationToken)).Files["file"] is not { } file)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the sample CSV as the 'file' part of multipart/form-data."] });
        using var reader = new StreamReader(file.OpenReadStream());
        return OutcomeResults.Ok(await contracts.DeriveAsync(name, version, await reader.ReadToEndAsync(cancellationToken), cancellationToken));
    }

    static async Task<Results<Ok<VersionView>, ValidationProblem, ProblemHttpResult>> SetContract(
        string name, int version, ContractRequest input, ContractEditor contracts, CancellationToken cancellationToken) =>
        OutcomeResults.Ok(await contracts.SetAsync(name, version, input.FeatureSchema, cancellationToken));

    static ProblemHttpResult NoModel(string name) => TypedResults.Problem($"There is no model named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The body of <c>PUT .../contract</c>.</summary>
public sealed record ContractRequest(IReadOnlyList<FeatureSpec>? FeatureSchema);

/// <summary>The body of <c>POST /api/models/{name}/rollback</c>.</summary>
public sealed record RollbackRequest(string? Reason);
