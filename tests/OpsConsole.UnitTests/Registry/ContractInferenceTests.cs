using OpsConsole.Datasets;

namespace OpsConsole.Registry;

public class ContractInferenceTests
{
    [Fact]
    public void Each_column_gets_the_narrowest_type_its_values_allow()
    {
        var table = CsvReader.Parse("age,amount,is_new,country\n31,12.5,true,DE\n45,3,false,FR\n,7e2,true,DE\n").Table!;

        var contract = ContractInference.FromCsv(table);

        Assert.Equal([("age", "integer", true), ("amount", "number", false), ("is_new", "boolean", false), ("country", "category", false)],
            contract.Select(f => (f.Name, f.Type, f.Nullable)));
        Assert.Equal(["DE", "FR"], contract[3].Categories);
        Assert.All(contract, f => Assert.Null(f.Min));
    }

    [Fact]
    public void A_contract_can_be_derived_only_for_one_two_dimensional_float_input()
    {
        Assert.Equal(3, ContractInference.SingleFloatInputWidth([("float32", [-1, 3])]));
        Assert.Null(ContractInference.SingleFloatInputWidth([("float32", [-1, -1])]));
        Assert.Null(ContractInference.SingleFloatInputWidth([("int64", [-1, 3])]));
        Assert.Null(ContractInference.SingleFloatInputWidth([("float32", [-1, 2]), ("float32", [-1, 2])]));
        Assert.Null(ContractInference.SingleFloatInputWidth([("float32", [-1, 2, 2])]));
    }
}
