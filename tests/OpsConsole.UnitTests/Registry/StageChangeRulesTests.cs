namespace OpsConsole.Registry;

public class StageChangeRulesTests
{
    [Theory]
    [InlineData("production", null, "better recall", true)]
    [InlineData("canary", 10, "try 10%", true)]
    [InlineData("canary", null, "no percent", false)]
    [InlineData("canary", 101, "too much", false)]
    [InlineData("shadow", 5, "percent on a shadow", false)]
    [InlineData("staging", null, "unknown stage", false)]
    [InlineData("Production", null, "stages are lower case", false)]
    [InlineData("archived", null, " ", false)]
    public void Stage_changes_need_a_known_stage_a_reason_and_a_percent_only_for_canaries(string stage, int? percent, string reason, bool valid)
    {
        Assert.Equal(valid, StageChangeRules.Check(new StageChange(stage, percent, reason)).Count == 0);
    }
}
