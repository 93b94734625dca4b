using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpsConsole.Datasets;

namespace OpsConsole.Training;

/// <summary>The ONNX the trainer writes, run by real ONNX Runtime, must give the trainer's own answers.</summary>
public class OnnxClassifierWriterTests
{
    static TrainedClassifier Train(string csv, out CsvTable table)
    {
        table = CsvReader.Parse(csv).Table!;
        var outcome = TabularTrainer.Train(table, new TrainingRequest("label", Seed: 7));
        Assert.Null(outcome.Error);
        return outcome.Classifier!;
    }

    [Fact]
    public void The_exported_model_reproduces_the_trainers_probabilities_to_1e5_on_every_row()
    {
        var classifier = Train(SyntheticTransactions.Csv(400, seed: 11), out var table);
        var bytes = OnnxClassifierWriter.Write(classifier, "test");
        using var session = new InferenceSession(bytes);
        var rows = table.Rows.Select(r => (IReadOnlyList<string>)r.Take(4).ToList()).ToList();
        rows.Add(["99.5", "3", "kiosk", "JP"]);   // categories never seen in training encode as zeros in both

        using var results = session.Run(Inputs(classifier, rows));
        var probabilities = results.Single(r => r.Name == OnnxClassifierWriter.ProbabilitiesOutput).AsTensor<float>();
        var labels = results.Single(r => r.Name == OnnxClassifierWriter.LabelOutput).AsTensor<long>();

        for (var i = 0; i < rows.Count; i++)
        {
            var expected = classifier.Predict(rows[i]);
            for (var k = 0; k < expected.Length; k++) Assert.Equal(expected[k], probabilities[i, k], 1e-5);
            Assert.Equal(TabularTrainer.ArgMax(expected), labels[i]);
        }
    }

    [Fact]
    public void The_exported_signature_names_one_numeric_input_and_one_input_per_categorical_feature()
    {
        var classifier = Train(SyntheticTransactions.Csv(100, seed: 3), out _);

        using var session = new InferenceSession(OnnxClassifierWriter.Write(classifier, "test"));

        Assert.Equal(["numeric", "channel", "country"], session.InputMetadata.Keys);
        Assert.Equal([-1, 2], session.InputMetadata["numeric"].Dimensions);
        Assert.Equal(TensorElementType.String, session.InputMetadata["channel"].ElementDataType);
        Assert.Equal(["probabilities", "label"], session.OutputMetadata.Keys);
        Assert.Contains("opsconsole.labels", session.ModelMetadata.CustomMetadataMap.Keys);
    }

    [Fact]
    public void A_numbers_only_table_exports_a_model_without_categorical_inputs()
    {
        var csv = "x,y,label\n" + string.Concat(Enumerable.Range(0, 60).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i % 7},{i % 5 * 0.3},{(i % 7 > 3 ? "high" : "low")}\n")));
        var classifier = Train(csv, out var table);

        using var session = new InferenceSession(OnnxClassifierWriter.Write(classifier, "test"));
        using var results = session.Run(Inputs(classifier, [.. table.Rows.Select(r => (IReadOnlyList<string>)r.Take(2).ToList())]));

        Assert.Equal(["numeric"], session.InputMetadata.Keys);
        var p = results[0].AsTensor<float>();
        Assert.Equal(classifier.Predict(table.Rows[0].Take(2).ToList())[0], p[0, 0], 1e-5);
    }

    static List<NamedOnnxValue> Inputs(TrainedClassifier classifier, List<IReadOnlyList<string>> rows)
    {
        var columns = classifier.Encoding.Columns;
        var numeric = columns.Select((c, i) => (c, i)).Where(p => p.c.IsNumeric).Select(p => p.i).ToList();
        var inputs = new List<NamedOnnxValue>();
        if (numeric.Count > 0)
        {
            var tensor = new DenseTensor<float>([rows.Count, numeric.Count]);
            for (var r = 0; r < rows.Count; r++)
                for (var j = 0; j < numeric.Count; j++) tensor[r, j] = float.Parse(rows[r][numeric[j]], CultureInfo.InvariantCulture);
            inputs.Add(NamedOnnxValue.CreateFromTensor(OnnxClassifierWriter.NumericInput, tensor));
        }
        foreach (var (column, index) in columns.Select((c, i) => (c, i)).Where(p => !p.c.IsNumeric))
        {
            var tensor = new DenseTensor<string>([rows.Count, 1]);
            for (var r = 0; r < rows.Count; r++) tensor[r, 0] = rows[r][index];
            inputs.Add(NamedOnnxValue.CreateFromTensor(column.Name, tensor));
        }
        return inputs;
    }
}
