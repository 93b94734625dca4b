using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

public class BoundaryWalkTests
{
    static readonly FeatureSpec[] Contract = [new("a", FeatureTypes.Number), new("b", FeatureTypes.Number), new("channel", FeatureTypes.Category, Categories: ["web", "app"])];

    static Dictionary<string, JsonElement> RandomRecord(Random random) => new(StringComparer.Ordinal)
    {
        ["a"] = JsonSerializer.SerializeToElement(random.NextDouble() * 10),
        ["b"] = JsonSerializer.SerializeToElement(random.NextDouble() * 10),
        ["channel"] = JsonSerializer.SerializeToElement(random.Next(2) == 0 ? "web" : "app"),
    };

    // A linear classifier's margin: positive means "yes"; the boundary is a − b/2 = 1.2.
    static double Margin(Dictionary<string, JsonElement> r) => r["a"].GetDouble() - 0.5 * r["b"].GetDouble() - 1.2;

    [Fact]
    public void Bisection_ends_each_walk_within_a_hair_of_the_decision_boundary_and_starts_again_from_the_pair_it_found()
    {
        var random = new Random(7);
        var walk = new BoundaryWalk(maxSteps: 10);
        var margins = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var record = walk.Next(Contract, _ => RandomRecord(random));
            walk.Observe(record, Margin(record) > 0 ? "yes" : "no");
            if (walk.IsBisecting) margins.Add(Math.Abs(Margin(record)));
        }

        // Once a pair is found every record is a bisection step: ten halvings of a margin of at most ~15 end below 0.02,
        // and most steps sit far closer to the boundary than a random record (margin ~3 on average).
        var walks = margins.Skip(1).Chunk(10).Where(c => c.Length == 10).ToList();
        Assert.True(walks.Count > 30, $"only {walks.Count} walks");
        Assert.All(walks, w => Assert.True(w[^1] < 0.02, $"a walk ended {w[^1]} from the boundary"));
        Assert.True(margins.Count(m => m < 0.5) > margins.Count * 0.6, "most steps are near the boundary");
        Assert.False(walk.GaveUp);
    }

    [Fact]
    public void Midpoints_keep_the_first_records_categories_and_halve_each_number()
    {
        var records = new Queue<Dictionary<string, JsonElement>>([
            new(StringComparer.Ordinal) { ["a"] = JsonSerializer.SerializeToElement(0.0), ["b"] = JsonSerializer.SerializeToElement(4.0), ["channel"] = JsonSerializer.SerializeToElement("app") },
            new(StringComparer.Ordinal) { ["a"] = JsonSerializer.SerializeToElement(8.0), ["b"] = JsonSerializer.SerializeToElement(0.0), ["channel"] = JsonSerializer.SerializeToElement("web") },
        ]);
        var walk = new BoundaryWalk();
        var first = walk.Next(Contract, _ => records.Dequeue());
        walk.Observe(first, "no");
        var second = walk.Next(Contract, _ => records.Dequeue());
        walk.Observe(second, "yes");

        var middle = walk.Next(Contract, _ => throw new InvalidOperationException("a bisecting walk draws no random record"));

        Assert.Equal((4.0, 2.0, "app"), (middle["a"].GetDouble(), middle["b"].GetDouble(), middle["channel"].GetString()));
    }

    [Fact]
    public void A_search_that_finds_one_label_widens_the_range_tenfold_then_a_hundredfold_then_gives_up()
    {
        var random = new Random(3);
        var walk = new BoundaryWalk(maxSearch: 20);
        var spreads = new List<double>();

        for (var i = 0; i < 63; i++) walk.Observe(walk.Next(Contract, spread => { spreads.Add(spread); return RandomRecord(random); }), "no");

        Assert.Equal([.. Enumerable.Repeat(1.0, 21), .. Enumerable.Repeat(10.0, 21), .. Enumerable.Repeat(100.0, 21)], spreads);
        Assert.True(walk.GaveUp);
    }

    [Fact]
    public void A_model_that_disagrees_only_on_wide_records_is_walked_to_its_boundary_at_that_spread()
    {
        var random = new Random(11);
        var walk = new BoundaryWalk(maxSearch: 20);
        double? finalMargin = null;
        var steps = 0;
        for (var i = 0; i < 300 && finalMargin is null; i++)
        {
            var record = walk.Next(Contract, spread => new(StringComparer.Ordinal)
            {
                ["a"] = JsonSerializer.SerializeToElement(random.NextDouble() * 10 * spread), ["b"] = JsonSerializer.SerializeToElement(0.0),
                ["channel"] = JsonSerializer.SerializeToElement("web"),
            });
            var a = record["a"].GetDouble();
            var bisecting = walk.IsBisecting;
            walk.Observe(record, a > 400 ? "fraud" : "legit");   // like the demo model: only large amounts are fraud
            if (bisecting && ++steps == 10) finalMargin = Math.Abs(a - 400);
        }

        Assert.NotNull(finalMargin);
        Assert.True(finalMargin < 2, $"final distance from the boundary {finalMargin}");
        Assert.False(walk.GaveUp);
    }
}
