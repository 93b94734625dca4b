namespace OpsConsole.Monitoring;

/// <summary>Summing stored cells from their JSON gives what merging each one read back gives, to the last bit.</summary>
public class RollupCellSumTests
{
    static readonly string[] Labels = ["yes", "no", "maybe"];
    static readonly string[] Stages = ["production", "canary"];

    [Fact]
    public void Summing_stored_cells_equals_merging_them_as_they_are_read_back()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 40).Select(i => Stored(random, i)).ToList();
        var merged = new RollupCell();
        var sum = new RollupCellSum();

        foreach (var row in rows)
        {
            merged.Merge(RollupMaintenance.Read(row));
            sum.Add(Figures(row));
        }
        AssertSame(merged, sum.ToCell());
    }

    [Fact]
    public void Adding_a_row_to_two_sums_at_once_leaves_each_as_if_it_had_been_added_alone()
    {
        var random = new Random(23);
        var rows = Enumerable.Range(0, 60).Select(i => Stored(random, i)).ToList();
        var (whole, eu, us) = (new RollupCellSum(), new RollupCellSum(), new RollupCellSum());
        var (wholeAlone, euAlone, usAlone) = (new RollupCellSum(), new RollupCellSum(), new RollupCellSum());

        for (var i = 0; i < rows.Count; i++)
        {
            var (segment, alone) = i % 3 == 0 ? (us, usAlone) : (eu, euAlone);
            RollupCellSum.AddTo(Figures(rows[i]), whole, segment);
            wholeAlone.Add(Figures(rows[i]));
            alone.Add(Figures(rows[i]));
        }

        AssertSame(wholeAlone.ToCell(), whole.ToCell());
        AssertSame(euAlone.ToCell(), eu.ToCell());
        AssertSame(usAlone.ToCell(), us.ToCell());
        Assert.Equal(whole.Count, eu.Count + us.Count);
    }

    static void AssertSame(RollupCell merged, RollupCell cell)
    {
        Assert.Equal(merged.Count, cell.Count);
        Assert.Equal(merged.ConfidenceSum, cell.ConfidenceSum);
        Assert.Equal(merged.ConfidenceCount, cell.ConfidenceCount);
        Assert.Equal(merged.InferenceMs, cell.InferenceMs);
        Assert.Equal(merged.ConfidenceBins, cell.ConfidenceBins);
        Assert.Equal(merged.Labels.ToList(), cell.Labels.ToList());
        Assert.Equal(merged.ServedBy.ToList(), cell.ServedBy.ToList());
        var (expected, actual) = (merged.Latency.ToState(), cell.Latency.ToState());
        Assert.Equal(expected.Buckets.OrderBy(b => b.Key), actual.Buckets.OrderBy(b => b.Key));
        Assert.Equal((expected.ZeroCount, expected.Count, expected.Sum, expected.Min, expected.Max), (actual.ZeroCount, actual.Count, actual.Sum, actual.Min, actual.Max));
        Assert.Equal(merged.Latency.Quantile(0.95), cell.Latency.Quantile(0.95));
    }

    [Fact]
    public void Stored_bins_of_another_length_add_nothing_as_when_read_back()
    {
        var row = Stored(new Random(5), 0);
        row.ConfidenceBinsJson = "[1,2,3]";
        var sum = new RollupCellSum();

        sum.Add(Figures(row));

        Assert.Equal(RollupMaintenance.Read(row).ConfidenceBins, sum.ToCell().ConfidenceBins);
        Assert.All(sum.ToCell().ConfidenceBins, b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_empty_sum_is_an_empty_cell()
    {
        var cell = new RollupCellSum().ToCell();

        Assert.Equal(0, cell.Count);
        Assert.Equal(0, cell.Latency.Count);
        Assert.True(double.IsNaN(cell.Latency.Quantile(0.5)));
    }

    // A cell as the prediction-log writer stores it; every fourth has no confidence and some latencies are zero.
    static PredictionRollup Stored(Random random, int i)
    {
        var cell = new RollupCell();
        var minute = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddMinutes(i);
        for (var n = random.Next(0, 30); n > 0; n--)
        {
            double? confidence = i % 4 == 0 ? null : random.NextDouble();
            var latency = random.Next(10) == 0 ? 0 : Math.Exp(random.NextDouble() * 6 - 2);
            cell.Add(new RollupInput("m", 1, "eu", minute, Stages[random.Next(Stages.Length)], Labels[random.Next(Labels.Length)], confidence, latency,
                random.NextDouble() * 3));
        }
        var row = new PredictionRollup { Model = "m", Version = 1, Segment = "eu", MinuteStart = minute };
        RollupMaintenance.Write(row, cell);
        return row;
    }

    static StoredRollup Figures(PredictionRollup r) =>
        new(r.MinuteStart, r.Count, r.LatencyJson, r.ConfidenceSum, r.ConfidenceCount, r.LabelsJson, r.ServedByJson, r.ConfidenceBinsJson, r.InferenceMs);
}
