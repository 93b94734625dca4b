using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>A loaded version: one warmed session shared by all requests (ORT's Run is thread-safe) and its signature.</summary>
public sealed record HostedVersion(string Model, int Version, string Sha256, InferenceSession Session, IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs);

/// <summary>
/// Keeps one <see cref="InferenceSession"/> per version, created on first use from an artifact that passed its hash
/// check. Versions never change after upload, so a session lives until the process stops; a failed load is not cached.
/// Shadow runs get sessions of their own (<see cref="GetForShadowAsync"/>): single-threaded, so a shadow never takes
/// the cores the serving sessions' thread pools use, while serving sessions keep ONNX Runtime's defaults.
/// </summary>
public sealed class ModelHost(IServiceScopeFactory scopes, ILogger<ModelHost> logger) : IDisposable
{
    readonly ConcurrentDictionary<(string Model, int Version, bool Shadow), Lazy<Task<(HostedVersion? Hosted, string? Error)>>> _sessions = new();

    /// <summary>The session that serves requests for a version.</summary>
    public Task<(HostedVersion? Hosted, string? Error)> GetAsync(string model, int version, CancellationToken cancellationToken) =>
        GetAsync((model, version, false), cancellationToken);

    /// <summary>
    /// The version's session for shadow runs: one intra-op thread (the caller's) and no spinning. A version that is
    /// promoted from shadow to production is served by its own serving session, loaded then.
    /// </summary>
    public Task<(HostedVersion? Hosted, string? Error)> GetForShadowAsync(string model, int version, CancellationToken cancellationToken) =>
        GetAsync((model, version, true), cancellationToken);

    async Task<(HostedVersion? Hosted, string? Error)> GetAsync((string Model, int Version, bool Shadow) key, CancellationToken cancellationToken)
    {
        var loading = _sessions.GetOrAdd(key, k => new Lazy<Task<(HostedVersion?, string?)>>(() => LoadAsync(k.Model, k.Version, k.Shadow)));
        var result = await loading.Value.WaitAsync(cancellationToken);
        if (result.Hosted is null) _sessions.TryRemove(new KeyValuePair<(string, int, bool), Lazy<Task<(HostedVersion?, string?)>>>(key, loading));
        return result;
    }

    // Loads with CancellationToken.None: the load is shared by every request waiting for it, so one caller leaving must not cancel it.
    async Task<(HostedVersion?, string?)> LoadAsync(string model, int version, bool shadow)
    {
        try
        {
            return await LoadCheckedAsync(model, version, shadow);
        }
        catch (Exception exception)   // a database hiccup or a model ORT rejects: a failed load, not a cached fault
        {
            ScoringLog.LoadFailed(logger, model, version, exception);
            return (null, $"v{version} could not be loaded: {exception.Message}");
        }
    }

    async Task<(HostedVersion?, string?)> LoadCheckedAsync(string model, int version, bool shadow)
    {
        await using var scope = scopes.CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<ArtifactLoader>().LoadAsync(model, version, CancellationToken.None);
        if (loaded.Bytes is not { } bytes) return (null, loaded.Error);
        using var options = shadow
            ? OnnxSessionOptions.CreateSingleThreaded(GraphOptimizationLevel.ORT_ENABLE_ALL)
            : OnnxSessionOptions.Create(GraphOptimizationLevel.ORT_ENABLE_ALL);
        var session = new InferenceSession(bytes, options);
        var inspection = OnnxInspector.Inspect(bytes);
        WarmUp(session, inspection.Inputs);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return (new HostedVersion(model, version, sha, session, inspection.Inputs, inspection.Outputs), null);
    }

    // The first Run of a session allocates its buffers and is ten to a hundred times slower than the rest: do it here,
    // on a row of zeros, so no caller (and no shadow latency figure) pays for it. A model that rejects zeros is simply
    // warmed by its first real request instead.
    static void WarmUp(InferenceSession session, IReadOnlyList<TensorSignature> inputs)
    {
        try
        {
            var values = new List<NamedOnnxValue>(inputs.Count);
            foreach (var input in inputs)
            {
                var dims = input.Shape.Select(d => d < 0 ? 1 : (int)d).ToArray();
                NamedOnnxValue? value = input.Type switch
                {
                    "float32" => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(dims)),
                    "float64" => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<double>(dims)),
                    "int64" => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<long>(dims)),
                    "int32" => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<int>(dims)),
                    "string" => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<string>(Enumerable.Repeat("", dims.Aggregate(1, (a, b) => a * b)).ToArray(), dims)),
                    _ => null,
                };
                if (value is null) return;
                values.Add(value);
            }
            using var _ = session.Run(values);
        }
        catch (OnnxRuntimeException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.GetAwaiter().GetResult().Hosted is { } hosted) hosted.Session.Dispose();
        }
    }
}
