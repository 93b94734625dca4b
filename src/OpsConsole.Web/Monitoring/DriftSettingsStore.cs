using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>Reads and writes a model's drift settings, for the API and the monitoring page alike; the save is audited like every change to a model.</summary>
public static class DriftSettingsStore
{
    /// <summary>Null when there is no such model.</summary>
    public static async Task<DriftSettings?> ReadAsync(OpsDbContext db, string model, CancellationToken cancellationToken)
    {
        var json = await db.Models.Where(m => m.Name == model).Select(m => m.DriftSettingsJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : RegistryJson.Read<DriftSettings>(json) ?? DriftSettings.Default;
    }

    /// <summary>The problems by field, or none once saved; <c>found</c> is false when there is no such model.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, bool Found)> SaveAsync(OpsDbContext db, string model, DriftSettings settings, CancellationToken cancellationToken)
    {
        var errors = DriftSettings.Check(settings);
        if (errors.Count > 0) return (errors, true);
        var row = await db.Models.SingleOrDefaultAsync(m => m.Name == model, cancellationToken);
        if (row is null) return (errors, false);
        row.DriftSettingsJson = RegistryJson.Write(settings);
        await db.SaveChangesAsync(cancellationToken);
        return (errors, true);
    }
}
