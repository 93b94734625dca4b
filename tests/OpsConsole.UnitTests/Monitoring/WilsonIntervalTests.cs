using System.Text.Json;

namespace OpsConsole.Monitoring;

public class WilsonIntervalTests
{
    public static TheoryData<long, long, double, double> ScipyIntervals()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "references", "wilson_references.json")));
        var data = new TheoryData<long, long, double, double>();
        foreach (var row in document.RootElement.GetProperty("wilson95").EnumerateArray())
            data.Add(row.GetProperty("successes").GetInt64(), row.GetProperty("trials").GetInt64(), row.GetProperty("low").GetDouble(), row.GetProperty("high").GetDouble());
        return data;
    }

    [Theory]
    [MemberData(nameof(ScipyIntervals))]
    public void The_interval_matches_scipys_wilson_interval(long successes, long trials, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, trials)!;

        Assert.Equal(low, interval.Low, 1e-12);
        Assert.Equal(high, interval.High, 1e-12);
    }

    [Fact]
    public void The_worked_example_of_the_statistics_contract_is_3_percent_between_1_4_and_6_4()
    {
        // STATISTICS.md: 6 of 200 → 3.0 %, 1.4–6.4 %.
        var interval = WilsonInterval.Of(6, 200)!;

        Assert.Equal((0.014, 0.064), (Math.Round(interval.Low, 3), Math.Round(interval.High, 3)));
        Assert.Equal(0.03, KpiMath.CorrectionRate(6, 200));
    }

    [Fact]
    public void No_trials_have_no_interval_and_impossible_counts_are_refused()
    {
        Assert.Null(WilsonInterval.Of(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(-1, 2));
    }
}
