namespace OpsConsole.Scoring;

public class TensorRequestRulesTests
{
    static readonly DeclaredInput[] TwoInputs = [new("x", "float32", [-1, 2]), new("n", "int64", [-1, 1])];

    [Fact]
    public void A_request_like_a_standard_v2_client_sends_passes()
    {
        Assert.Empty(TensorRequestRules.Check(TwoInputs, [new("x", "FP32", [3, 2], 6), new("n", "INT64", [3, 1], 3)]));
    }

    [Fact]
    public void Missing_unknown_and_duplicate_inputs_are_each_named()
    {
        var errors = TensorRequestRules.Check(TwoInputs, [new("x", "FP32", [1, 2], 2), new("x", "FP32", [1, 2], 2), new("z", "FP32", [1], 1)]);

        Assert.Equal(["Input 'x' appears more than once.", "The model has no input 'z'; it takes x, n.", "Input 'n' is missing."], errors);
    }

    [Theory]
    [InlineData("FP64", new long[] { 1, 2 }, 2, "Input 'x' must be FP32, not FP64.")]
    [InlineData("FP32", new long[] { 2 }, 2, "Input 'x' must have 2 dimensions [-1, 2], not 1.")]
    [InlineData("FP32", new long[] { 1, 3 }, 3, "Input 'x' dimension 1 must be 2, not 3.")]
    [InlineData("FP32", new long[] { 0, 2 }, 0, "Input 'x' dimension 0 must be positive, not 0.")]
    [InlineData("FP32", new long[] { 2, 2 }, 3, "Input 'x' has shape [2, 2], which holds 4 values, but its data has 3.")]
    public void Datatype_rank_dimensions_and_data_length_are_checked_against_the_model(string datatype, long[] shape, int length, string error)
    {
        var errors = TensorRequestRules.Check([TwoInputs[0]], [new("x", datatype, shape, length)]);

        Assert.Equal([error], errors);
    }

    [Fact]
    public void Inputs_of_types_tensor_scoring_does_not_take_are_refused_by_name()
    {
        Assert.Equal(["Input 'text' is string, which tensor scoring does not accept."],
            TensorRequestRules.Check([new("text", "string", [-1, 1])], [new("text", "BYTES", [1, 1], 1)]));
    }

    [Theory]
    [InlineData("float32", "FP32")]
    [InlineData("float64", "FP64")]
    [InlineData("int64", "INT64")]
    [InlineData("uint8", "UINT8")]
    [InlineData("bool", "BOOL")]
    public void Onnx_element_types_map_to_v2_datatypes_and_back(string onnx, string v2)
    {
        Assert.Equal(v2, V2Datatypes.FromOnnx(onnx));
        Assert.Equal(onnx, V2Datatypes.ToOnnx(v2));
    }
}
