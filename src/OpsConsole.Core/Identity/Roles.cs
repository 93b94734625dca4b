namespace OpsConsole.Identity;

/// <summary>The five console roles, ordered from least to most privileged; a role includes the reading rights of those below it.</summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Reviewer = "Reviewer";
    public const string Engineer = "Engineer";
    public const string Lead = "Lead";
    public const string Admin = "Admin";

    /// <summary>All roles from least to most privileged.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Reviewer, Engineer, Lead, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The given role and every role above it: who passes a policy that asks for <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> AtLeast(string role)
    {
        var rank = Rank(role);
        if (rank < 0) throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        return [.. All.Skip(rank)];
    }

    /// <summary>0 for Viewer up to 4 for Admin, -1 for anything else.</summary>
    public static int Rank(string? role) => role is null ? -1 : IndexOf(role);

    /// <summary>The highest role among <paramref name="roles"/>, or null when none is a console role.</summary>
    public static string? Highest(IEnumerable<string> roles) =>
        roles.Where(IsKnown).OrderByDescending(Rank).FirstOrDefault();

    static int IndexOf(string role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], role, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
