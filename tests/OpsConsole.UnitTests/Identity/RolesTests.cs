
namespace OpsConsole.Identity;

public class RolesTests
{
    [Theory]
    [InlineData(Roles.Viewer, new[] { "Viewer", "Reviewer", "Engineer", "Lead", "Admin" })]
    [InlineData(Roles.Reviewer, new[] { "Reviewer", "Engineer", "Lead", "Admin" })]
    [InlineData(Roles.Engineer, new[] { "Engineer", "Lead", "Admin" })]
    [InlineData(Roles.Lead, new[] { "Lead", "Admin" })]
    [InlineData(Roles.Admin, new[] { "Admin" })]
    public void A_policy_for_a_role_admits_that_role_and_every_higher_one(string role, string[] admitted)
    {
        Assert.Equal(admitted, Roles.AtLeast(role));
    }

    [Fact]
    public void Highest_picks_the_most_privileged_console_role_and_ignores_unknown_ones()
    {
        Assert.Equal(Roles.Lead, Roles.Highest(["Viewer", "Lead", "Superuser", "Reviewer"]));
        Assert.Null(Roles.Highest(["Superuser", "root"]));
        Assert.Null(Roles.Highest([]));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Owner")]
    [InlineData("")]
    public void Role_names_are_exact_and_case_sensitive(string role)
    {
        Assert.False(Roles.IsKnown(role));
        Assert.Equal(-1, Roles.Rank(role));
        Assert.Throws<ArgumentOutOfRangeException>(() => Roles.AtLeast(role));
    }
}
