namespace OpsConsole.Training;

public class TabularTrainerTests
{
    [Fact]
    public void The_same_seed_trains_the_same_model_and_a_different_seed_splits_differently()
    {
        var table = Datasets.CsvReader.Parse(SyntheticTransactions.Csv(300, seed: 5)).Table!;

        var a = TabularTrainer.Train(table, new TrainingRequest("label", Seed: 1));
        var b = TabularTrainer.Train(table, new TrainingRequest("label", Seed: 1));
        var c = TabularTrainer.Train(table, new TrainingRequest("label", Seed: 2));

        Assert.Equal(a.Classifier!.Model.Weights, b.Classifier!.Model.Weights);
        Assert.NotEqual(a.Classifier.Model.Weights, c.Classifier!.Model.Weights);
        Assert.Equal((240, 60), (a.TrainingRows, a.HoldoutRows));
    }

    [Fact]
    public void On_the_synthetic_transactions_the_model_beats_always_saying_legit()
    {
        var table = Datasets.CsvReader.Parse(SyntheticTransactions.Csv(2000, seed: 9)).Table!;
        var legitShare = table.Rows.Count(r => r[4] == "legit") / (double)table.Rows.Count;

        var outcome = TabularTrainer.Train(table, new TrainingRequest("label"));

        Assert.Equal(["fraud", "legit"], outcome.Classifier!.Labels);
        Assert.True(outcome.Holdout!.Accuracy > legitShare + 0.02, $"holdout accuracy {outcome.Holdout.Accuracy:0.000} vs majority {legitShare:0.000}");
        Assert.True(outcome.Holdout.Classes[0].Recall > 0.5, $"fraud recall {outcome.Holdout.Classes[0].Recall:0.000}");
    }

    [Fact]
    public void The_contract_lists_numbers_and_the_training_vocabulary()
    {
        var table = Datasets.CsvReader.Parse(SyntheticTransactions.Csv(200, seed: 1)).Table!;

        var contract = TabularTrainer.Train(table, new TrainingRequest("label")).Classifier!.Contract();

        Assert.Equal([("amount", "number"), ("hour", "number"), ("channel", "category"), ("country", "category")], contract.Select(f => (f.Name, f.Type)));
        Assert.Equal(["app", "store", "web"], contract[2].Categories);
    }

    [Theory]
    [InlineData("missing", 0.2, "There is no column 'missing'")]
    [InlineData("label", 0.9, "Hold out between 5% and 50%")]
    public void Bad_requests_say_what_is_wrong(string label, double holdout, string error)
    {
        var table = Datasets.CsvReader.Parse(SyntheticTransactions.Csv(50, seed: 1)).Table!;

        Assert.StartsWith(error, TabularTrainer.Train(table, new TrainingRequest(label, holdout)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_like_column_with_too_many_categories_is_refused_with_the_column_named()
    {
        var rows = string.Concat(Enumerable.Range(0, 300).Select(i => $"cust-{i},{i % 2}\n"));
        var table = Datasets.CsvReader.Parse("customer,label\n" + rows).Table!;

        Assert.StartsWith("'customer' has", TabularTrainer.Train(table, new TrainingRequest("label")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_named_like_the_exported_graphs_own_tensors_is_refused()
    {
        var table = Datasets.CsvReader.Parse("label_text,numeric,label\n" + string.Concat(Enumerable.Repeat("a,1,x\nb,2,y\n", 10))).Table!;

        Assert.Contains("'numeric' is used by the exported model", TabularTrainer.Train(table, new TrainingRequest("label")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_class_cannot_be_learned()
    {
        var table = Datasets.CsvReader.Parse("x,label\n" + string.Concat(Enumerable.Repeat("1,a\n", 20))).Table!;

        Assert.Equal("The label column needs at least two distinct classes.", TabularTrainer.Train(table, new TrainingRequest("label")).Error);
    }
}
