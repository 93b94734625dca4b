namespace OpsConsole.Monitoring;

public class CostMathTests
{
    [Fact]
    public void One_cpu_hour_over_a_million_predictions_at_two_per_hour_costs_two_thousandths_per_thousand()
    {
        Assert.Equal(1, CostMath.CpuHours(3_600_000), 12);
        Assert.Equal(0.002, CostMath.PerThousand(3_600_000, 1_000_000, 2.0)!.Value, 12);
    }

    [Fact]
    public void A_range_without_predictions_has_no_cost_and_negative_time_counts_as_none()
    {
        Assert.Null(CostMath.PerThousand(500, 0, 1));
        Assert.Equal(0, CostMath.CpuHours(-5));
        Assert.Equal(0, CostMath.PerThousand(0, 10, 3)!.Value);
    }
}
