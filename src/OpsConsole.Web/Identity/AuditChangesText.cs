using System.Text.Json;

namespace OpsConsole.Identity;

/// <summary>Indents an audit entry's change JSON for reading; shows the raw text if it is not JSON.</summary>
public static class AuditChangesText
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Pretty(string changes)
    {
        try
        {
            using var document = JsonDocument.Parse(changes);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return changes;
        }
    }
}
