using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Platform;

/// <summary>Where the console keeps its files: the SQLite database and, later, model artifacts.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
