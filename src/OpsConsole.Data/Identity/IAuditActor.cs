namespace OpsConsole.Identity;

/// <summary>Who is making the current change. The web app answers from the request, the Blazor circuit or the running job.</summary>
public interface IAuditActor
{
    /// <summary>The user id, or null for the system and for anonymous callers.</summary>
    string? Id { get; }

    /// <summary>A name a person can read in the log: an email, <c>api-key:ci</c>, <c>system:job-name</c>, <c>anonymous</c>.</summary>
    string Name { get; }
}
