using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsConsole.Identity;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Training;

public static class TrainingEndpoints
{
    const long MaxCsvBytes = 64L * 1024 * 1024;

    public static RouteHandlerBuilder MapTrainingEndpoints(this IEndpointRouteBuilder routes) =>
        // Scripts send the CSV with a key; the Lax sign-in cookie is not sent on cross-site posts (see the registry upload).
        routes.MapPost("/api/models/{name}/train", Train).WithTags("Training").RequireAuthorization(Policies.Engineer).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Trains a classifier from a CSV ('file') with 'options' JSON ({ labelColumn, holdoutFraction, seed, epochs, ... }) and registers it as a version.");

    static async Task<Results<Created<VersionView>, ValidationProblem, ProblemHttpResult>> Train(
        string name, HttpRequest request, ClaimsPrincipal user, ModelTrainer trainer, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Invalid("file", "Send multipart/form-data with the CSV as 'file' and the options as 'options'.");
        LargeBody.Allow(request, MaxCsvBytes);
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files["file"] is not { } file) return Invalid("file", "The 'file' part with the training CSV is missing.");
        if (file.Length > MaxCsvBytes) return Invalid("file", $"The CSV is larger than {MaxCsvBytes / 1024 / 1024} MB.");
        TrainingOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<TrainingOptions>(form["options"].ToString() is { Length: > 0 } text ? text : "{}", RegistryJson.Options);
        }
        catch (JsonException exception)
        {
            return Invalid("options", $"The options are not valid JSON: {exception.Message}");
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var csv = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await trainer.TrainAsync(name, csv, options ?? new TrainingOptions(null), RegistryActor.From(user), cancellationToken);
        return OutcomeResults.CreatedVersion(name, outcome);
    }

    static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
