
namespace OpsConsole.Identity;

public class UserRulesTests
{
    [Fact]
    public void A_complete_user_passes()
    {
        Assert.Empty(UserRules.Check(new NewUser("ana@example.com", "Ana Lima", Roles.Engineer, null)));
    }

    [Fact]
    public void Every_bad_field_is_named_with_its_own_message()
    {
        var errors = UserRules.Check(new NewUser("not-an-email", " ", "Superuser", null));

        Assert.Equal(["displayName", "email", "role"], errors.Keys.Order());
        Assert.Contains("email address", errors["email"][0], StringComparison.Ordinal);
        Assert.Contains("Viewer, Reviewer, Engineer, Lead, Admin", errors["role"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ana@")]
    [InlineData("Ana <ana@example.com>")]
    public void Only_a_bare_email_address_is_a_sign_in_name(string? email)
    {
        Assert.NotNull(UserRules.CheckEmail(email));
    }

    [Fact]
    public void A_display_name_longer_than_the_column_is_refused()
    {
        var errors = UserRules.Check(new NewUser("bo@example.com", new string('b', UserRules.MaxDisplayNameLength + 1), Roles.Viewer, null));

        Assert.Equal(["displayName"], errors.Keys);
    }
}
