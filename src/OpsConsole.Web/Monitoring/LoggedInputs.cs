using System.Buffers;
using System.Text;
using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>
/// The logged inputs of one side of a drift question, one column per feature of the contract, in row order: each row's
/// JSON is read once with a forward-only reader. A number is a number only when logged as a JSON number, and a category
/// only when logged as a string or a boolean; anything else (null, a missing key, an object) is missing, as before.
/// Reading every row into a dictionary of cloned <see cref="JsonElement"/>s cost more than the statistics.
/// </summary>
public sealed class LoggedInputs
{
    readonly Dictionary<string, double?[]> _numbers = new(StringComparer.Ordinal);
    readonly Dictionary<string, string?[]> _categories = new(StringComparer.Ordinal);

    LoggedInputs(int count) => Count = count;

    public int Count { get; }

    /// <summary>The feature's numbers in row order; empty for a feature that is not a numeric one of the contract.</summary>
    public double?[] Numbers(string feature) => _numbers.GetValueOrDefault(feature) ?? [];

    /// <summary>The feature's categories in row order; empty for a feature that is not a categorical one of the contract.</summary>
    public string?[] Categories(string feature) => _categories.GetValueOrDefault(feature) ?? [];

    public static bool IsNumeric(FeatureSpec feature) => feature.Type is FeatureTypes.Number or FeatureTypes.Integer;

    public static LoggedInputs Parse(IReadOnlyList<string> featuresJson, IReadOnlyList<FeatureSpec> contract)
    {
        var inputs = new LoggedInputs(featuresJson.Count);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbers = new double?[contract.Count][];
        var categories = new string?[contract.Count][];
        for (var f = 0; f < contract.Count; f++)
        {
            if (!byName.TryAdd(contract[f].Name, f)) continue;
            if (IsNumeric(contract[f])) inputs._numbers[contract[f].Name] = numbers[f] = new double?[featuresJson.Count];
            else inputs._categories[contract[f].Name] = categories[f] = new string?[featuresJson.Count];
        }
        var lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        var name = ArrayPool<char>.Shared.Rent(256);
        try
        {
            for (var row = 0; row < featuresJson.Count; row++)
            {
                var json = featuresJson[row];
                if (Encoding.UTF8.GetMaxByteCount(json.Length) > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
                }
                var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) continue;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    // A name never has more characters than bytes, so its bytes' length is room enough.
                    if (name.Length < reader.ValueSpan.Length) name = Grown(name, reader.ValueSpan.Length);
                    var length = reader.CopyString(name);
                    reader.Read();
                    if (!lookup.TryGetValue(name.AsSpan(0, length), out var f))
                    {
                        reader.Skip();
                        continue;
                    }
                    if (numbers[f] is { } column) column[row] = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
                    else categories[f]![row] = Category(ref reader);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(name);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return inputs;
    }

    static string? Category(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    static char[] Grown(char[] name, int length)
    {
        ArrayPool<char>.Shared.Return(name);
        return ArrayPool<char>.Shared.Rent(length);
    }
}
