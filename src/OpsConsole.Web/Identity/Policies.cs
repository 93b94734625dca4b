namespace OpsConsole.Identity;

/// <summary>One policy per role; each admits that role and every role above it.</summary>
public static class Policies
{
    public const string Viewer = "AtLeastViewer";
    public const string Reviewer = "AtLeastReviewer";
    public const string Engineer = "AtLeastEngineer";
    public const string Lead = "AtLeastLead";
    public const string Admin = "AtLeastAdmin";

    public static string For(string role) => "AtLeast" + role;
}
