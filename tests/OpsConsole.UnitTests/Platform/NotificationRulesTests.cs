using OpsConsole.Identity;

namespace OpsConsole.Platform;

public class NotificationRulesTests
{
    [Fact]
    public void A_notification_to_a_role_with_a_title_passes()
    {
        Assert.Empty(NotificationRules.Check(new NewNotification(null, Roles.Engineer, "Deploy at 14:00", null, "warning", "/incidents/4")));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("user-1", "Engineer")]
    public void Exactly_one_audience_is_required(string? userId, string? role)
    {
        Assert.Contains("userId", NotificationRules.Check(new NewNotification(userId, role, "t", null, null, null)).Keys);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\\evil.example")]
    [InlineData("/incidents\\..\\..\\evil")]
    public void Links_must_stay_inside_the_console(string link)
    {
        Assert.Contains("link", NotificationRules.Check(new NewNotification("u", null, "t", null, null, link)).Keys);
    }

    [Fact]
    public void Unknown_severity_and_missing_title_are_both_reported()
    {
        var errors = NotificationRules.Check(new NewNotification("u", null, "", null, "panic", null));

        Assert.Equal(["severity", "title"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("Engineer", "Viewer", false)]
    [InlineData("Engineer", "Engineer", true)]
    [InlineData("Engineer", "Admin", true)]
    [InlineData("Viewer", "Reviewer", true)]
    [InlineData("Admin", "Lead", false)]
    [InlineData("Engineer", null, false)]
    public void A_message_to_a_role_reaches_that_role_and_those_above_it(string recipient, string? userRole, bool reaches)
    {
        Assert.Equal(reaches, NotificationRules.RoleReaches(recipient, userRole));
    }
}
