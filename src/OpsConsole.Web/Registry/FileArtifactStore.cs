using Microsoft.Extensions.Options;
using OpsConsole.Platform;

namespace OpsConsole.Registry;

/// <summary>Content-addressed files: <c>{DataDirectory}/artifacts/ab/abcdef….onnx</c>, written atomically.</summary>
public sealed class FileArtifactStore(IOptions<StorageOptions> storage) : IArtifactStore
{
    public async Task SaveAsync(string sha256, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathFor(sha256);
        // A file already there is kept only if it still has the content its name promises; a damaged copy is replaced.
        if (File.Exists(path) && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken))) == sha256) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside, then rename: a crash mid-write leaves a temp file, never a truncated artifact under the real name.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathFor(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public string PathFor(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        return Path.Combine(storage.Value.FullDataDirectory, "artifacts", sha256[..2], sha256 + ".onnx");
    }
}
