namespace OpsConsole.Review;

/// <summary>What a reviewer chose on the queue page: the label, and the note they typed, if any.</summary>
public sealed record ReviewChoice(string Label, string? Note);
