using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry;

/// <summary>Artifacts as rows of <c>ArtifactBlobs</c>: every server sees them without a shared disk.</summary>
public sealed class DatabaseArtifactStore(IDbContextFactory<OpsDbContext> factory) : IArtifactStore
{
    public async Task SaveAsync(string sha256, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.ArtifactBlobs.AnyAsync(x => x.Sha256 == sha256, cancellationToken)) return;
        db.ArtifactBlobs.Add(new ArtifactBlob { Sha256 = sha256, Bytes = bytes });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ArtifactBlobs.AsNoTracking().Where(x => x.Sha256 == sha256).Select(x => x.Bytes).SingleOrDefaultAsync(cancellationToken);
    }
}
