using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry;

/// <summary>Artifacts as rows of <c>ArtifactBlobs</c>: every server sees them without a shared disk.</summary>
public sealed class DatabaseArtifactStore(IDbContextFactory<OpsDbContext> factory) : IArtifactStore
{
    public async Task SaveAsync(string sha256, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.ArtifactBlobs.SingleOrDefaultAsync(x => x.Sha256 == sha256, cancellationToken);
        if (existing is null) db.ArtifactBlobs.Add(new ArtifactBlob { Sha256 = sha256, Bytes = bytes });
        else if (!existing.Bytes.AsSpan().SequenceEqual(bytes)) existing.Bytes = bytes;   // a damaged copy is replaced
        else return;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ArtifactBlobs.AsNoTracking().Where(x => x.Sha256 == sha256).Select(x => x.Bytes).SingleOrDefaultAsync(cancellationToken);
    }
}
