namespace OpsConsole.Scoring;

/// <summary>One version to try for a request, and what the response will say served it.</summary>
public sealed record ServingCandidate(int Version, string ServedBy);
