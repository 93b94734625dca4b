using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsConsole.Registry;

/// <summary>The one mapping of <see cref="Outcome{T}"/> to HTTP answers, shared by the registry and training routes.</summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Ok<T>(Outcome<T> outcome) => outcome.Kind switch
    {
        OutcomeKind.Done => TypedResults.Ok(outcome.Value!),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors),
        _ => Problem(outcome),
    };

    /// <summary>201 at the new version's address, for uploads and training runs alike.</summary>
    public static Results<Created<VersionView>, ValidationProblem, ProblemHttpResult> CreatedVersion(string model, Outcome<VersionView> outcome) => outcome.Kind switch
    {
        OutcomeKind.Done => TypedResults.Created($"/api/models/{model}/versions/{outcome.Value!.Version}", outcome.Value),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors),
        _ => Problem(outcome),
    };

    /// <summary>The answer to a command still running: 200 with its value, 400 with the field errors, or the problem.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> OkAsync<T>(Task<Outcome<T>> outcome) => Ok(await outcome);

    /// <summary>201 at the new resource's address (rules, silences, incidents), 400 with the field errors, or the problem.</summary>
    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(Outcome<T> outcome, Func<T, string> location) => outcome.Kind switch
    {
        OutcomeKind.Done => TypedResults.Created(location(outcome.Value!), outcome.Value),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors),
        _ => Problem(outcome),
    };

    public static ProblemHttpResult Problem<T>(Outcome<T> outcome)
    {
        var status = outcome.Kind switch
        {
            OutcomeKind.NotFound => StatusCodes.Status404NotFound,
            OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        };
        var extensions = outcome.Gate is null ? null : new Dictionary<string, object?> { ["gate"] = outcome.Gate };
        return TypedResults.Problem(detail: outcome.Message, statusCode: status, extensions: extensions);
    }
}
