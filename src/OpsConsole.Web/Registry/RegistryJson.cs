using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsConsole.Registry;

/// <summary>How the registry writes its JSON columns: the API's camelCase, enums as names.</summary>
public static class RegistryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string json) => string.IsNullOrWhiteSpace(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
