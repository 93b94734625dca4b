namespace OpsConsole.Alerting;

public class AlertConditionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Comparator.Above, 0.02, true)]
    [InlineData(Comparator.Above, 0.01, false)]     // at the threshold is not above it
    [InlineData(Comparator.AtLeast, 0.01, true)]
    [InlineData(Comparator.Below, 0.005, true)]
    [InlineData(Comparator.AtMost, 0.01, true)]
    [InlineData(Comparator.Below, 0.01, false)]
    public void Each_comparator_judges_the_figure_against_the_threshold(Comparator comparator, double value, bool holds) =>
        Assert.Equal(holds, AlertCondition.Holds(comparator, 0.01, value));

    [Fact]
    public void An_error_rate_over_too_few_requests_cannot_page_and_a_missing_figure_never_holds()
    {
        Assert.False(AlertCondition.Holds(Comparator.Above, 0.01, 1.0 / 3, denominator: 3));      // one error in three requests
        Assert.True(AlertCondition.Holds(Comparator.Above, 0.01, 2.0 / 100, denominator: 100));   // two in a hundred
        Assert.True(AlertCondition.Holds(Comparator.Above, 0.01, 1.0 / 3, denominator: 3, minimumDenominator: 1));
        Assert.False(AlertCondition.Holds(Comparator.Above, 0.01, null));
        Assert.False(AlertCondition.Holds(Comparator.Below, 0.85, double.NaN));
    }

    [Fact]
    public void No_data_holds_once_nothing_arrived_for_the_given_time_or_ever()
    {
        Assert.True(AlertCondition.NoData(null, TimeSpan.FromMinutes(10), Now));
        Assert.True(AlertCondition.NoData(Now.AddMinutes(-10), TimeSpan.FromMinutes(10), Now));
        Assert.False(AlertCondition.NoData(Now.AddMinutes(-9), TimeSpan.FromMinutes(10), Now));
    }
}
