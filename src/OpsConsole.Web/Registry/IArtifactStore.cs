namespace OpsConsole.Registry;

/// <summary>
/// Where artifact bytes live, addressed by their SHA-256, outside the rows that list them. The file-system store is
/// the default; a database-blob store for SQL Server deployments without shared disks is the second implementation.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores the bytes under their hash; storing the same bytes twice keeps one copy.</summary>
    Task SaveAsync(string sha256, byte[] bytes, CancellationToken cancellationToken);

    /// <summary>The stored bytes, unverified, or null when nothing is stored under the hash.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);
}
