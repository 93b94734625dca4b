using System.Globalization;

namespace OpsConsole.Identity;

public class ApiKeyRulesTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T12:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void A_named_key_with_a_role_and_a_future_expiry_passes()
    {
        Assert.Empty(ApiKeyRules.Check(new NewApiKey("prometheus", Roles.Viewer, Now.AddDays(30)), Now));
    }

    [Fact]
    public void A_key_without_name_with_an_unknown_role_and_a_past_expiry_fails_on_all_three()
    {
        var errors = ApiKeyRules.Check(new NewApiKey("", "root", Now.AddSeconds(-1)), Now);

        Assert.Equal(["expiresAt", "name", "role"], errors.Keys.Order());
    }

    [Fact]
    public void An_expiry_equal_to_now_is_already_expired()
    {
        Assert.Contains("expiresAt", ApiKeyRules.Check(new NewApiKey("ci", Roles.Admin, Now), Now).Keys);
    }
}
