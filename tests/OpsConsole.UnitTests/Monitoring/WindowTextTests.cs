namespace OpsConsole.Monitoring;

public class WindowTextTests
{
    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("90d", 90 * 86400)]
    [InlineData("2H", 2 * 3600)]
    public void A_whole_number_of_minutes_hours_or_days_is_a_window(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WindowText.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("24")]
    [InlineData("3w")]
    [InlineData("91d")]
    [InlineData("forever")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.Null(WindowText.Parse(text));
    }
}
