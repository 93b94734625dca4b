using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>One version to try for a request, and what the response will say served it.</summary>
public sealed record ServingCandidate(int Version, string ServedBy);

/// <summary>
/// Which versions a request may be served by, in order: the canary for its sticky share of request ids, else
/// production; then, should that version fail to load or to run, production (for a canary) and the previous production
/// version, each answering as "fallback".
/// </summary>
public sealed class ServingChain(RegistryQueries registry)
{
    public async Task<IReadOnlyList<ServingCandidate>> ForAsync(ModelView model, string requestId, CancellationToken cancellationToken)
    {
        var chain = new List<ServingCandidate>();
        if (model.Canary is { } canary && CanarySplit.GoesToCanary(model.Name, requestId, model.CanaryTrafficPercent ?? 0))
            chain.Add(new ServingCandidate(canary, "canary"));
        if (model.Production is { } production)
        {
            chain.Add(new ServingCandidate(production, chain.Count == 0 ? "production" : "fallback"));
            if (await registry.PreviousProductionAsync(model.Name, production, cancellationToken) is { } previous)
                chain.Add(new ServingCandidate(previous, "fallback"));
        }
        return chain;
    }
}
