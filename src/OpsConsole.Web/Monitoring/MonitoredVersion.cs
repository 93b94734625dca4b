using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

/// <summary>Which version a monitoring question is about: the one asked for, else the one in production.</summary>
public static class MonitoredVersion
{
    /// <summary>The version, or the reason there is none, worded for a 404.</summary>
    public static (int? Version, string? Problem) Choose(string model, IEnumerable<(int Version, ModelStage Stage)> versions, int? requested)
    {
        var list = versions.ToList();
        if (requested is { } r) return list.Any(v => v.Version == r) ? (r, null) : (null, $"'{model}' has no version {r}.");
        // Versions count from 1, so the default tuple (version 0) means none is in production.
        return list.FirstOrDefault(v => v.Stage == ModelStage.Production) is { Version: > 0 } production
            ? (production.Version, null)
            : (null, $"'{model}' has no version in production; name one with ?version=.");
    }
}
