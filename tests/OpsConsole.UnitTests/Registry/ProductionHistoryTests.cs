using System.Globalization;

namespace OpsConsole.Registry;

public class ProductionHistoryTests
{
    static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    static readonly StageTransition[] Log =
    [
        new(At("2026-11-01T10:00Z"), 1, ModelStage.None, ModelStage.Production),
        new(At("2026-11-05T10:00Z"), 2, ModelStage.Shadow, ModelStage.Production),
        new(At("2026-11-05T10:00Z"), 1, ModelStage.Production, ModelStage.None),
        new(At("2026-11-09T10:00Z"), 3, ModelStage.Canary, ModelStage.Production),
        new(At("2026-11-09T10:00Z"), 2, ModelStage.Production, ModelStage.None),
    ];

    [Theory]
    [InlineData("2026-10-31T00:00Z", null)]
    [InlineData("2026-11-01T10:00Z", 1)]
    [InlineData("2026-11-05T09:59Z", 1)]
    [InlineData("2026-11-05T10:00Z", 2)]
    [InlineData("2026-11-20T00:00Z", 3)]
    public void The_production_version_at_a_time_is_read_from_the_log(string at, int? version)
    {
        Assert.Equal(version, ProductionHistory.At(Log, At(at)));
    }

    [Fact]
    public void Production_archived_without_a_successor_leaves_nothing_serving()
    {
        StageTransition[] log = [.. Log, new(At("2026-11-10T00:00Z"), 3, ModelStage.Production, ModelStage.Archived)];

        Assert.Null(ProductionHistory.At(log, At("2026-11-11T00:00Z")));
    }

    [Fact]
    public void Rollback_returns_to_the_previous_production_version_and_skips_broken_ones()
    {
        Assert.Equal(2, ProductionHistory.RollbackTarget(Log, current: 3, unusable: new HashSet<int>()));
        Assert.Equal(1, ProductionHistory.RollbackTarget(Log, current: 3, unusable: new HashSet<int> { 2 }));
        Assert.Null(ProductionHistory.RollbackTarget(Log, current: 1, unusable: new HashSet<int>()));
    }

    [Fact]
    public void A_second_rollback_goes_further_back_instead_of_flipping_between_two_versions()
    {
        // The first rollback took production from 3 back to 2; 3 was rolled back from, so the next one goes to 1.
        StageTransition[] log =
        [
            .. Log,
            new(At("2026-11-10T00:00Z"), 2, ModelStage.None, ModelStage.Production, IsRollback: true),
            new(At("2026-11-10T00:00Z"), 3, ModelStage.Production, ModelStage.None, IsRollback: true),
        ];

        Assert.Equal(1, ProductionHistory.RollbackTarget(log, current: 2, unusable: new HashSet<int>()));
    }

    [Fact]
    public void A_version_rolled_back_from_long_ago_and_later_replaced_normally_is_a_target_again()
    {
        StageTransition[] log =
        [
            .. Log,
            new(At("2026-11-10T00:00Z"), 2, ModelStage.None, ModelStage.Production, IsRollback: true),
            new(At("2026-11-10T00:00Z"), 3, ModelStage.Production, ModelStage.None, IsRollback: true),
            new(At("2026-11-12T00:00Z"), 3, ModelStage.None, ModelStage.Production),        // v3 fixed and promoted again
            new(At("2026-11-12T00:00Z"), 2, ModelStage.Production, ModelStage.None),
            new(At("2026-11-14T00:00Z"), 4, ModelStage.None, ModelStage.Production),
            new(At("2026-11-14T00:00Z"), 3, ModelStage.Production, ModelStage.None),        // replaced normally
        ];

        Assert.Equal(3, ProductionHistory.RollbackTarget(log, current: 4, unusable: new HashSet<int>()));
    }
}
