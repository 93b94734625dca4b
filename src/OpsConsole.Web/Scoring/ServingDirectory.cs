using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Platform;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>What serving needs of one version: its stage, contract and labels, and whether its artifact was found tampered.</summary>
public sealed record VersionServing(int Version, string Stage, IReadOnlyList<FeatureSpec> FeatureSchema, IReadOnlyList<string> Labels, bool IsBroken);

/// <summary>
/// A model's serving arrangement at one moment: which versions serve, shadow and fall back, and its serving policy.
/// Immutable, so a request keeps the plan it started with while a promotion publishes the next one.
/// </summary>
public sealed record ServingPlan(
    string Model, int? Production, int? Canary, int CanaryPercent, IReadOnlyList<int> Shadows, int? PreviousProduction,
    ServingPolicy Policy, IReadOnlyDictionary<int, VersionServing> Versions)
{
    /// <summary>
    /// The versions to try for a request, in order: the canary for its sticky share of request ids, else production;
    /// then production (for a canary) and the previous production version, each answering as "fallback".
    /// </summary>
    public IReadOnlyList<ServingCandidate> ChainFor(string requestId)
    {
        var chain = new List<ServingCandidate>(3);
        if (Canary is { } canary && CanarySplit.GoesToCanary(Model, requestId, CanaryPercent)) chain.Add(new ServingCandidate(canary, "canary"));
        if (Production is { } production)
        {
            chain.Add(new ServingCandidate(production, chain.Count == 0 ? "production" : "fallback"));
            if (PreviousProduction is { } previous) chain.Add(new ServingCandidate(previous, "fallback"));
        }
        return chain;
    }
}

/// <summary>
/// Serving plans by model, read from the registry once and kept in memory so that scoring does not query the database
/// per request. A stage change, a new version or contract, a tampered artifact or a policy change on this server
/// replaces the plan at once; on other servers the plan expires after <see cref="ScoringOptions.PlanRefreshSeconds"/>.
/// </summary>
public sealed class ServingDirectory : IDisposable
{
    readonly ConcurrentDictionary<string, (ServingPlan? Plan, long LoadedAt)> _plans = new(StringComparer.Ordinal);
    readonly IServiceScopeFactory _scopes;
    readonly TimeProvider _time;
    readonly TimeSpan _refresh;
    readonly IDisposable[] _subscriptions;
    long _generation;

    public ServingDirectory(IServiceScopeFactory scopes, LiveEvents live, TimeProvider time, IOptions<ScoringOptions> options)
    {
        _scopes = scopes;
        _time = time;
        _refresh = TimeSpan.FromSeconds(options.Value.PlanRefreshSeconds);
        _subscriptions =
        [
            live.Subscribe<ModelStageChanged>(e => Forget(e.Model)),
            live.Subscribe<VersionRegistered>(e => Forget(e.Model)),
            live.Subscribe<ArtifactTampered>(e => Forget(e.Model)),
            live.Subscribe<ServingPolicyChanged>(e => Forget(e.Model)),
        ];
    }

    /// <summary>The model's plan, or null when there is no such model.</summary>
    public async ValueTask<ServingPlan?> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (_plans.TryGetValue(model, out var cached) && _time.GetElapsedTime(cached.LoadedAt) < _refresh) return cached.Plan;
        var started = _time.GetTimestamp();
        var generation = Volatile.Read(ref _generation);
        var plan = await LoadAsync(model, cancellationToken);
        // A change that arrived while loading may not be in what was read: serve it, but do not keep it.
        if (Volatile.Read(ref _generation) == generation) _plans[model] = (plan, started);
        return plan;
    }

    Task Forget(string model)
    {
        Interlocked.Increment(ref _generation);
        _plans.TryRemove(model, out _);
        return Task.CompletedTask;
    }

    async Task<ServingPlan?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var model = await db.Models.AsNoTracking().Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null) return null;
        var production = model.Versions.FirstOrDefault(v => v.Stage == ModelStage.Production);
        var canary = model.Versions.FirstOrDefault(v => v.Stage == ModelStage.Canary);
        int? previous = null;
        if (production is not null)
        {
            var broken = model.Versions.Where(v => v.IsBroken).Select(v => v.Version).ToHashSet();
            previous = ProductionHistory.RollbackTarget(await RegistryQueries.TransitionsAsync(db, model.Id, cancellationToken), production.Version, broken);
        }
        var versions = model.Versions.ToDictionary(v => v.Version, v => new VersionServing(
            v.Version, ModelStages.Name(v.Stage), RegistryJson.Read<List<FeatureSpec>>(v.FeatureSchemaJson) ?? [], RegistryJson.Read<List<string>>(v.LabelsJson) ?? [], v.IsBroken));
        return new ServingPlan(name, production?.Version, canary?.Version, canary?.TrafficPercent ?? 0,
            [.. model.Versions.Where(v => v.Stage == ModelStage.Shadow && !v.IsBroken).Select(v => v.Version).Order()], previous,
            RegistryJson.Read<ServingPolicy>(model.ServingPolicyJson) ?? ServingPolicy.Default, versions);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
