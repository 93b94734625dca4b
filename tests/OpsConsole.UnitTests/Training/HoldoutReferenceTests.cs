namespace OpsConsole.Training;

public class HoldoutReferenceTests
{
    static readonly TrainingOutcome Trained = TabularTrainer.Train(Datasets.CsvReader.Parse(SyntheticTransactions.Csv(500, seed: 3)).Table!, new TrainingRequest("label", Seed: 7));

    [Fact]
    public void A_holdout_under_the_cap_is_kept_whole_in_its_order_with_the_models_label_and_confidence()
    {
        var holdout = Trained.HoldoutFeatures!;

        var sample = HoldoutReference.Sample(Trained.Classifier!, holdout, capacity: 1000);

        Assert.Equal((100L, false), (sample.HoldoutRows, sample.IsSampled));
        Assert.Equal(holdout, sample.Rows.Select(r => r.Values));
        var first = Trained.Classifier!.Predict(holdout[0]);
        Assert.Equal((Trained.Classifier.Labels[TabularTrainer.ArgMax(first)], first.Max()), (sample.Rows[0].Label, sample.Rows[0].Confidence));
    }

    [Fact]
    public void A_larger_holdout_is_sampled_down_to_the_cap_the_same_way_every_time()
    {
        var holdout = Trained.HoldoutFeatures!;

        var sample = HoldoutReference.Sample(Trained.Classifier!, holdout, capacity: 40);
        var again = HoldoutReference.Sample(Trained.Classifier!, holdout, capacity: 40);

        Assert.Equal((100L, true, 40), (sample.HoldoutRows, sample.IsSampled, sample.Rows.Count));
        Assert.Equal(sample.Rows.Select(r => r.Values), again.Rows.Select(r => r.Values));
        Assert.All(sample.Rows, r => Assert.Contains(r.Values, holdout));
    }
}
