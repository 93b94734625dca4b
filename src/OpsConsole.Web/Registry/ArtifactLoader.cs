using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry.Webhooks;

namespace OpsConsole.Registry;

/// <summary>Raised when a stored artifact no longer matches its recorded hash.</summary>
public sealed record ArtifactTampered(string Model, int Version, string ExpectedSha256, string? ActualSha256);

/// <summary>A verified artifact, or the reason it was refused.</summary>
public sealed record LoadedArtifact(byte[]? Bytes, string? Error)
{
    public bool IsVerified => Bytes is not null;
}

/// <summary>
/// The one way to read an artifact: it is hashed on every load, and bytes that differ from the recorded SHA-256 are
/// refused; the version is then marked broken (audited), and an <see cref="ArtifactTampered"/> event is raised.
/// </summary>
public sealed class ArtifactLoader(IArtifactStore store, IDbContextFactory<OpsDbContext> factory, WebhookOutbox webhooks, Platform.LiveEvents live, ILogger<ArtifactLoader> logger)
{
    public async Task<LoadedArtifact> LoadAsync(string model, int version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.Include(v => v.Model).SingleOrDefaultAsync(v => v.Model!.Name == model && v.Version == version, cancellationToken);
        if (row is null) return new LoadedArtifact(null, $"{model} has no version {version}.");
        if (row.IsBroken) return new LoadedArtifact(null, $"{model} v{version} is marked broken: {row.BrokenReason}");

        var bytes = await store.ReadAsync(row.Sha256, cancellationToken);
        // A missing file is refused but not condemned: an unmounted share or a wrong data directory is an outage, not tampering.
        if (bytes is null) return new LoadedArtifact(null, $"The artifact of {model} v{version} is missing from the store; check Storage:DataDirectory or the artifact store.");
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (actual == row.Sha256) return new LoadedArtifact(bytes, null);

        row.IsBroken = true;
        row.BrokenReason = $"The stored artifact hashes to {actual[..12]}…, not the recorded {row.Sha256[..12]}…; it was changed after upload.";
        await webhooks.EnqueueAsync(db, WebhookEvents.ArtifactTampered,
            new { model, version, expectedSha256 = row.Sha256, actualSha256 = actual, reason = row.BrokenReason }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.ArtifactTampered(model, version, row.Sha256, actual);
        await live.PublishAsync(new ArtifactTampered(model, version, row.Sha256, actual));
        return new LoadedArtifact(null, $"{model} v{version} was refused: {row.BrokenReason}");
    }
}
