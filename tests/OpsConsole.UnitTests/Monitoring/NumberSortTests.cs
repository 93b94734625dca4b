namespace OpsConsole.Monitoring;

public class NumberSortTests
{
    static readonly double[] Extremes =
    [
        double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 0.0, -0.0, 1e-310, -1e-310, 1, -1, 0.5, -0.5, 1e300, -1e300,
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(100_001)]
    public void Gives_the_order_of_a_comparison_sort_for_numbers_of_both_signs(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(i => (random.NextDouble() - 0.4) * Math.Pow(10, random.Next(-12, 12))).ToArray();

        AssertSortsLikeArraySort(values);
    }

    [Fact]
    public void Keeps_duplicates_and_orders_extremes_subnormals_and_zeros()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 20_000).Select(_ => Extremes[random.Next(Extremes.Length)]).ToArray();

        AssertSortsLikeArraySort(values);
    }

    [Fact]
    public void Leaves_a_constant_column_as_it_is()
    {
        var values = Enumerable.Repeat(2.5, 10_000).ToArray();

        NumberSort.Ascending(values);

        Assert.All(values, v => Assert.Equal(2.5, v));
    }

    [Fact]
    public void Sorts_numbers_that_differ_only_in_their_lowest_bits()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + (i * 7919 % 10_000))).ToArray();

        AssertSortsLikeArraySort(values);
    }

    static void AssertSortsLikeArraySort(double[] values)
    {
        var expected = (double[])values.Clone();
        Array.Sort(expected);

        NumberSort.Ascending(values);

        // Equal as numbers: −0 and +0 compare equal, and the comparison sort leaves them in any order.
        Assert.Equal(expected, values);
    }
}
