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
    public void Bisection_ends_each_walk_within_a_hair_of_the_decision_boundary()
    {
        var random = new Random(7);
        var walk = new BoundaryWalk(maxSteps: 10);
        var lastSteps = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var wasBisecting = walk.IsBisecting;
            var record = walk.Next(Contract, () => RandomRecord(random));
            walk.Observe(record, Margin(record) > 0 ? "yes" : "no");
            if (wasBisecting && !walk.IsBisecting) lastSteps.Add(Math.Abs(Margin(record)));
        }

        Assert.True(lastSteps.Count > 50, $"only {lastSteps.Count} walks finished");
        // Ten halvings of a distance of at most ~15 leave less than 0.015; a random record's margin is ~3 on average.
        Assert.True(lastSteps.Max() < 0.02, $"worst final margin {lastSteps.Max()}");
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
        var first = walk.Next(Contract, records.Dequeue);
        walk.Observe(first, "no");
        var second = walk.Next(Contract, records.Dequeue);
        walk.Observe(second, "yes");

        var middle = walk.Next(Contract, () => throw new InvalidOperationException("a bisecting walk draws no random record"));

        Assert.Equal((4.0, 2.0, "app"), (middle["a"].GetDouble(), middle["b"].GetDouble(), middle["channel"].GetString()));
    }

    [Fact]
    public void A_model_that_gives_every_record_one_label_makes_the_walk_give_up()
    {
        var random = new Random(3);
        var walk = new BoundaryWalk(maxSearch: 20);

        for (var i = 0; i < 21; i++) walk.Observe(walk.Next(Contract, () => RandomRecord(random)), "no");

        Assert.True(walk.GaveUp);
    }
}
