namespace OpsConsole.Registry;

/// <summary>How a registry command ended; endpoints map it to a status code, pages to a message.</summary>
public enum OutcomeKind { Done, Invalid, NotFound, Conflict, Forbidden }

/// <summary>A command's result: the value on success, field errors when invalid, a sentence otherwise.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, Dictionary<string, string[]> Errors, string? Message, GateReport? Gate = null);

/// <summary>Builds <see cref="Outcome{T}"/> values.</summary>
public static class Outcome
{
    public static Outcome<T> Done<T>(T value) => new(OutcomeKind.Done, value, [], null);
    public static Outcome<T> Invalid<T>(Dictionary<string, string[]> errors) => new(OutcomeKind.Invalid, default, errors, "The request has invalid fields.");
    public static Outcome<T> Invalid<T>(string field, string message) => Invalid<T>(new Dictionary<string, string[]> { [field] = [message] });
    public static Outcome<T> NotFound<T>(string message) => new(OutcomeKind.NotFound, default, [], message);
    public static Outcome<T> Conflict<T>(string message, GateReport? gate = null) => new(OutcomeKind.Conflict, default, [], message, gate);
    public static Outcome<T> Forbidden<T>(string message) => new(OutcomeKind.Forbidden, default, [], message);
}
