using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Registry;

/// <summary>Limits of the registry.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Largest artifact an upload may carry; larger files are refused before ONNX Runtime reads them.</summary>
    [Range(1, 2000)]   // artifacts are read into one array, which stops short of 2 GB
    public int MaxArtifactMegabytes { get; set; } = 200;

    public long MaxArtifactBytes => MaxArtifactMegabytes * 1024L * 1024L;

    /// <summary><c>FileSystem</c> (under Storage:DataDirectory) or <c>Database</c> (rows, for servers without a shared disk).</summary>
    public ArtifactStoreKind ArtifactStore { get; set; } = ArtifactStoreKind.FileSystem;
}

/// <summary>The two places artifacts can live.</summary>
public enum ArtifactStoreKind { FileSystem, Database }
