namespace OpsConsole.Scoring;

public class TensorSummaryTypesTests
{
    static readonly float[] Empty = [];
    static readonly float[] Constant = [0.25f, 0.25f, 0.25f, 0.25f];
    static readonly float[] WithNaN = [1.5f, float.NaN, -3.25f, 7f];
    static readonly float[] WithInfinities = [float.PositiveInfinity, 2f, float.NegativeInfinity, 4f];
    static readonly float[] OnlyNonFinite = [float.NaN, float.PositiveInfinity];
    static readonly float[] Awkward = [0.1f, 1e-30f, 3.4e38f, -0.7f, 123456.78f, 1f / 3];

    public static TheoryData<string> FloatRows => ["empty", "constant", "nan", "infinities", "only_non_finite", "awkward"];

    static float[] Row(string name) => name switch
    {
        "empty" => Empty,
        "constant" => Constant,
        "nan" => WithNaN,
        "infinities" => WithInfinities,
        "only_non_finite" => OnlyNonFinite,
        _ => Awkward,
    };

    [Theory]
    [MemberData(nameof(FloatRows))]
    public void A_float_row_is_summarised_to_the_last_bit_as_its_values_copied_into_doubles(string row)
    {
        var values = Row(row);

        var fromFloats = TensorSummary.Of<float>(values);
        var fromDoubles = TensorSummary.Of(values.Select(v => (double)v).ToArray());

        Assert.Equal(fromDoubles, fromFloats);
    }

    [Fact]
    public void A_constant_row_has_no_spread_and_its_value_as_every_moment()
    {
        Assert.Equal(new TensorSummary(4, 0.25, 0, 0.25, 0.25, 0), TensorSummary.Of<float>(Constant));
    }

    [Fact]
    public void Integer_and_byte_rows_are_summarised_as_their_values_as_doubles()
    {
        long[] longs = [3, -9, 1L << 40, 0];
        byte[] bytes = [0, 255, 1, 1];

        Assert.Equal(TensorSummary.Of(longs.Select(v => (double)v).ToArray()), TensorSummary.Of<long>(longs));
        Assert.Equal(TensorSummary.Of(bytes.Select(v => (double)v).ToArray()), TensorSummary.Of<byte>(bytes));
    }

    [Fact]
    public void A_float_tensor_split_into_rows_gives_the_summaries_of_its_double_copy()
    {
        float[] values = [.. WithNaN, .. WithInfinities, .. Constant];

        var fromFloats = TensorSummary.PerRow<float>(values, 3);
        var fromDoubles = TensorSummary.PerRow(values.Select(v => (double)v).ToArray(), 3);

        Assert.Equal(fromDoubles, fromFloats);
        Assert.Equal(3, fromFloats.Count);
    }
}
