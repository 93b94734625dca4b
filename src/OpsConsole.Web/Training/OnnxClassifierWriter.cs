using System.Text.Json;
using Google.Protobuf;
using OpsConsole.Training.Onnx;

namespace OpsConsole.Training;

/// <summary>
/// Writes a <see cref="TrainedClassifier"/> as an ONNX model (IR 8, ai.onnx 13, ai.onnx.ml 3) that ONNX Runtime runs:
/// <c>numeric</c> (float [N, numeric features]) goes through a Scaler, each categorical feature is its own string input
/// [N, 1] through a OneHotEncoder (unseen categories encode as zeros), then Concat, MatMul, Add, Softmax give
/// <c>probabilities</c> [N, classes] and ArgMax gives <c>label</c> [N] as the class index.
/// </summary>
public static class OnnxClassifierWriter
{
    public const string NumericInput = "numeric";
    public const string ProbabilitiesOutput = "probabilities";
    public const string LabelOutput = "label";
    const string MlDomain = "ai.onnx.ml";

    public static byte[] Write(TrainedClassifier classifier, string producerVersion)
    {
        var columns = classifier.Encoding.Columns;
        var numeric = columns.Where(c => c.IsNumeric).ToList();
        var categorical = columns.Where(c => !c.IsNumeric).ToList();
        var graph = new GraphProto { Name = "softmax_classifier" };
        var pieces = new List<string>();

        if (numeric.Count > 0)
        {
            graph.Input.Add(Tensor(NumericInput, TensorProto.Types.DataType.Float, "N", numeric.Count));
            graph.Node.Add(Node("Scaler", [NumericInput], ["numeric_scaled"], MlDomain,
                Floats("offset", numeric.Select(c => (float)c.Mean)), Floats("scale", numeric.Select(c => (float)c.Scale))));
            pieces.Add("numeric_scaled");
        }
        for (var i = 0; i < categorical.Count; i++)
        {
            var column = categorical[i];
            graph.Input.Add(Tensor(column.Name, TensorProto.Types.DataType.String, "N", 1));
            graph.Node.Add(Node("OneHotEncoder", [column.Name], [$"onehot_{i}"], MlDomain,
                Strings("cats_strings", column.Vocabulary), Int("zeros", 1)));
            graph.Node.Add(Node("Flatten", [$"onehot_{i}"], [$"onehot_{i}_flat"], "", Int("axis", 1)));
            pieces.Add($"onehot_{i}_flat");
        }
        var encoded = pieces.Count == 1 ? pieces[0] : "encoded";
        if (pieces.Count > 1) graph.Node.Add(Node("Concat", pieces, ["encoded"], "", Int("axis", 1)));

        var model = classifier.Model;
        graph.Initializer.Add(FloatTensor("W", [model.Inputs, model.Classes], ReorderedWeights(classifier)));
        graph.Initializer.Add(FloatTensor("B", [model.Classes], model.Bias.Select(b => (float)b)));
        graph.Node.Add(Node("MatMul", [encoded, "W"], ["logits_raw"], ""));
        graph.Node.Add(Node("Add", ["logits_raw", "B"], ["logits"], ""));
        graph.Node.Add(Node("Softmax", ["logits"], [ProbabilitiesOutput], "", Int("axis", 1)));
        graph.Node.Add(Node("ArgMax", [ProbabilitiesOutput], [LabelOutput], "", Int("axis", 1), Int("keepdims", 0)));
        graph.Output.Add(Tensor(ProbabilitiesOutput, TensorProto.Types.DataType.Float, "N", model.Classes));
        graph.Output.Add(Tensor(LabelOutput, TensorProto.Types.DataType.Int64, "N", null));

        var onnx = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "opsconsole-trainer",
            ProducerVersion = producerVersion,
            Graph = graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 }, new OperatorSetIdProto { Domain = MlDomain, Version = 3 } },
            MetadataProps =
            {
                new StringStringEntryProto { Key = "opsconsole.labels", Value = JsonSerializer.Serialize(classifier.Labels) },
                new StringStringEntryProto { Key = "opsconsole.numeric_features", Value = JsonSerializer.Serialize(numeric.Select(c => c.Name)) },
                new StringStringEntryProto { Key = "opsconsole.categorical_features", Value = JsonSerializer.Serialize(categorical.Select(c => c.Name)) },
            },
        };
        return onnx.ToByteArray();
    }

    // The trainer orders weight rows by column as they appear in the table; the graph puts the numeric block first,
    // then each categorical block, so the rows are regrouped into that order.
    static IEnumerable<float> ReorderedWeights(TrainedClassifier classifier)
    {
        var model = classifier.Model;
        var offsets = new Dictionary<ColumnEncoding, int>();
        var at = 0;
        foreach (var column in classifier.Encoding.Columns) { offsets[column] = at; at += column.Width; }
        var rows = classifier.Encoding.Columns.Where(c => c.IsNumeric).Concat(classifier.Encoding.Columns.Where(c => !c.IsNumeric))
            .SelectMany(c => Enumerable.Range(offsets[c], c.Width));
        foreach (var row in rows)
            for (var k = 0; k < model.Classes; k++) yield return (float)model.Weights[row * model.Classes + k];
    }

    static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, string batch, int? width)
    {
        var shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = batch } } };
        if (width is { } w) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = w });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    static TensorProto FloatTensor(string name, long[] dims, IEnumerable<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    static NodeProto Node(string op, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Domain = domain, Name = op + "_" + string.Join("_", outputs) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    static AttributeProto Floats(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }
}
