using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Identity;

/// <summary>How long audit entries are kept before the retention job removes them.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    [Range(30, 36500)]
    public int RetentionDays { get; set; } = 400;
}
