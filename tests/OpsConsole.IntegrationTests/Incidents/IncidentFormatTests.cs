namespace OpsConsole.Incidents;

public class IncidentFormatTests
{
    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.4, "0 s")]
    [InlineData(45.0, "45 s")]
    [InlineData(252.0, "4 min 12 s")]
    [InlineData(300.0, "5 min")]
    [InlineData(3599.6, "1 h")]
    [InlineData(7500.0, "2 h 05 min")]
    [InlineData(273_600.0, "3 d 4 h")]
    [InlineData(259_200.0, "3 d")]
    public void Durations_read_as_people_say_them(double? seconds, string expected)
    {
        Assert.Equal(expected, IncidentFormat.Duration(seconds));
    }

    [Theory]
    [InlineData("triggered", "acknowledged", "Acknowledge")]
    [InlineData("triggered", "resolved", "Resolve")]
    [InlineData("mitigated", "investigating", "Investigating")]
    [InlineData("resolved", "investigating", "Reopen")]
    public void A_status_button_says_what_it_does(string from, string to, string expected)
    {
        Assert.Equal(expected, IncidentFormat.ActionLabel(from, to));
    }
}
