using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OpsConsole.Scoring;

/// <summary>
/// The JSON the prediction log keeps per row (features, tensor summaries, probabilities), written with one reused
/// buffer per thread: the reflection-based serializer costs microseconds per row, which at batch 256 was a large share
/// of a request's time (docs/benchmarks.md).
/// </summary>
public static class LogJson
{
    [ThreadStatic] static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] static Utf8JsonWriter? t_writer;

    static Utf8JsonWriter Writer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (t_writer is null) t_writer = new Utf8JsonWriter(buffer);
        else t_writer.Reset(buffer);
        return t_writer;
    }

    static string Finish(Utf8JsonWriter writer)
    {
        writer.Flush();
        return Encoding.UTF8.GetString(t_buffer!.WrittenSpan);
    }

    public static string Features(IReadOnlyDictionary<string, JsonElement> record)
    {
        var writer = Writer();
        writer.WriteStartObject();
        foreach (var (name, value) in record)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
        return Finish(writer);
    }

    public static string? Probabilities(IReadOnlyDictionary<string, double>? probabilities)
    {
        if (probabilities is null) return null;
        var writer = Writer();
        writer.WriteStartObject();
        foreach (var (label, p) in probabilities) Number(writer, label, p);
        writer.WriteEndObject();
        return Finish(writer);
    }

    /// <summary><c>{ "input": { "count", "mean", "std", "min", "max", "nanShare" }, ... }</c> for one row.</summary>
    public static string Summaries(IReadOnlyList<(string Name, IReadOnlyList<TensorSummary> Rows)> inputs, int row)
    {
        var writer = Writer();
        writer.WriteStartObject();
        foreach (var (name, rows) in inputs)
        {
            var s = rows[Math.Min(row, rows.Count - 1)];
            writer.WriteStartObject(name);
            writer.WriteNumber("count", s.Count);
            Number(writer, "mean", s.Mean);
            Number(writer, "std", s.Std);
            Number(writer, "min", s.Min);
            Number(writer, "max", s.Max);
            writer.WriteNumber("nanShare", s.NanShare);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        return Finish(writer);
    }

    // JSON has no NaN or ±∞: a model that outputs one is logged as null rather than failing the row.
    static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
