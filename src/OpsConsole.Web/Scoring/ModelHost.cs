using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>A loaded version: one warmed session shared by all requests (ORT's Run is thread-safe) and its signature.</summary>
public sealed record HostedVersion(string Model, int Version, string Sha256, InferenceSession Session, IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs);

/// <summary>
/// Keeps one <see cref="InferenceSession"/> per version, created on first use from an artifact that passed its hash
/// check. Versions never change after upload, so a session lives until the process stops; a failed load is not cached.
/// </summary>
public sealed class ModelHost(IServiceScopeFactory scopes) : IDisposable
{
    readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<(HostedVersion? Hosted, string? Error)>>> _sessions = new();

    public async Task<(HostedVersion? Hosted, string? Error)> GetAsync(string model, int version, CancellationToken cancellationToken)
    {
        var key = (model, version);
        var loading = _sessions.GetOrAdd(key, k => new Lazy<Task<(HostedVersion?, string?)>>(() => LoadAsync(k.Model, k.Version)));
        var result = await loading.Value.WaitAsync(cancellationToken);
        if (result.Hosted is null) _sessions.TryRemove(new KeyValuePair<(string, int), Lazy<Task<(HostedVersion?, string?)>>>(key, loading));
        return result;
    }

    // Loads with CancellationToken.None: the load is shared by every request waiting for it, so one caller leaving must not cancel it.
    async Task<(HostedVersion?, string?)> LoadAsync(string model, int version)
    {
        await using var scope = scopes.CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<ArtifactLoader>().LoadAsync(model, version, CancellationToken.None);
        if (loaded.Bytes is not { } bytes) return (null, loaded.Error);
        using var options = OnnxSessionOptions.Create(GraphOptimizationLevel.ORT_ENABLE_ALL);
        var session = new InferenceSession(bytes, options);
        var inspection = OnnxInspector.Inspect(bytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return (new HostedVersion(model, version, sha, session, inspection.Inputs, inspection.Outputs), null);
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.GetAwaiter().GetResult().Hosted is { } hosted) hosted.Session.Dispose();
        }
    }
}
