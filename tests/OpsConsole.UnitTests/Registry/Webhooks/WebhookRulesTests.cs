namespace OpsConsole.Registry.Webhooks;

public class WebhookRulesTests
{
    const string GoodSecret = "whsec_0123456789abcdef";

    [Fact]
    public void A_https_webhook_for_two_known_events_passes()
    {
        var input = new NewWebhook("https://hooks.example.com/opsconsole", GoodSecret, [WebhookEvents.StageChanged, WebhookEvents.RollbackExecuted], "chat bridge");

        Assert.Empty(WebhookRules.Check(input));
    }

    [Fact]
    public void No_events_means_all_events_and_passes()
    {
        Assert.Empty(WebhookRules.Check(new NewWebhook("http://10.0.0.5:8080/hook", GoodSecret, null, null)));
        Assert.Empty(WebhookRules.Check(new NewWebhook("http://10.0.0.5:8080/hook", GoodSecret, [], null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hooks.example.com/opsconsole")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://files.example.com/hook")]
    [InlineData("file:///etc/passwd")]
    public void Only_absolute_http_and_https_addresses_are_accepted(string? url)
    {
        Assert.Equal(["url"], WebhookRules.Check(new NewWebhook(url, GoodSecret, null, null)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_address_over_500_characters_is_refused()
    {
        var url = "https://hooks.example.com/" + new string('a', 500);

        Assert.Equal(["url"], WebhookRules.Check(new NewWebhook(url, GoodSecret, null, null)).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("                    ")]
    [InlineData("fifteen-chars!!")]
    public void A_missing_or_short_secret_is_reported_under_secret(string? secret)
    {
        var errors = WebhookRules.Check(new NewWebhook("https://hooks.example.com/x", secret, null, null));

        Assert.Equal(["secret"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sixteen_characters_are_enough_for_a_secret_and_two_hundred_the_most()
    {
        Assert.Empty(WebhookRules.Check(new NewWebhook("https://hooks.example.com/x", new string('s', 16), null, null)));
        Assert.Empty(WebhookRules.Check(new NewWebhook("https://hooks.example.com/x", new string('s', 200), null, null)));
        Assert.Equal(["secret"], WebhookRules.Check(new NewWebhook("https://hooks.example.com/x", new string('s', 201), null, null)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_event_name_is_reported_under_events_and_named()
    {
        var errors = WebhookRules.Check(new NewWebhook("https://hooks.example.com/x", GoodSecret, [WebhookEvents.StageChanged, "model.deleted"], null));

        Assert.Equal(["events"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("model.deleted", errors["events"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_wrong_at_once_reports_each_under_its_own_key()
    {
        var errors = WebhookRules.Check(new NewWebhook("not a url", "short", ["nope"], new string('d', 201)));

        Assert.Equal(["description", "events", "secret", "url"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
