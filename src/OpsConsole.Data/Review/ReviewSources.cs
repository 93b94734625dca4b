namespace OpsConsole.Review;

/// <summary>Who made a review: a reviewer in the console, or a user of the product correcting through the API.</summary>
public static class ReviewSources
{
    public const string Reviewer = "reviewer";
    public const string User = "user";

    public static bool IsKnown(string? source) => source is Reviewer or User;
}
