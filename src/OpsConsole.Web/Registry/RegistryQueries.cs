using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry;

/// <summary>Reads of the registry for pages and endpoints; one context per call.</summary>
public sealed class RegistryQueries(IDbContextFactory<OpsDbContext> factory)
{
    public async Task<IReadOnlyList<ModelView>> ModelsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var models = await db.Models.AsNoTracking().Include(m => m.Versions).OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return models.ConvertAll(ToView);
    }

    public async Task<ModelView?> ModelAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        return model is null ? null : ToView(model);
    }

    public async Task<IReadOnlyList<VersionView>?> VersionsAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        return model?.Versions.OrderByDescending(v => v.Version).Select(v => VersionView.From(v, name)).ToList();
    }

    public async Task<VersionView?> VersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Model!.Name == name && v.Version == version, cancellationToken);
        return row is null ? null : VersionView.From(row, name);
    }

    public async Task<IReadOnlyList<TransitionView>?> HistoryAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var id = await db.Models.Where(m => m.Name == name).Select(m => (long?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var rows = await db.PromotionLog.AsNoTracking().Where(e => e.ModelId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(TransitionView.Of);
    }

    /// <summary>Which version served production at <paramref name="at"/>: one query over the append-only log.</summary>
    public async Task<ProductionAtView?> ProductionAtAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var id = await db.Models.Where(m => m.Name == name).Select(m => (long?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var log = await TransitionsAsync(db, id.Value, cancellationToken);
        return new ProductionAtView(name, at, ProductionHistory.At(log, at));
    }

    public async Task<VersionDiffView?> DiffAsync(string name, int from, int to, CancellationToken cancellationToken)
    {
        var a = await VersionAsync(name, from, cancellationToken);
        var b = await VersionAsync(name, to, cancellationToken);
        if (a is null || b is null) return null;
        var metrics = a.Metrics.Keys.Union(b.Metrics.Keys).Order(StringComparer.Ordinal)
            .Select(m => new MetricComparison(m, a.Metrics.TryGetValue(m, out var x) ? x : null, b.Metrics.TryGetValue(m, out var y) ? y : null))
            .ToList();
        return new VersionDiffView(name, from, to, ContractDiff.Compare(a.FeatureSchema, b.FeatureSchema), metrics);
    }

    public static async Task<List<StageTransition>> TransitionsAsync(OpsDbContext db, long modelId, CancellationToken cancellationToken) =>
        (await db.PromotionLog.AsNoTracking().Where(e => e.ModelId == modelId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken))
            .ConvertAll(e => new StageTransition(e.At, e.Version, e.FromStage, e.ToStage, e.IsRollback));

    static ModelView ToView(RegisteredModel m)
    {
        var canary = m.Versions.FirstOrDefault(v => v.Stage == ModelStage.Canary);
        return new ModelView(m.Name, m.Description, m.Task, m.OwnerTeam, m.Tags, m.CreatedAt, m.CreatedBy, m.Versions.Count,
            m.Versions.FirstOrDefault(v => v.Stage == ModelStage.Production)?.Version, canary?.Version, canary?.TrafficPercent,
            [.. m.Versions.Where(v => v.Stage == ModelStage.Shadow).Select(v => v.Version).Order()],
            RegistryJson.Read<GatePolicy>(m.GatePolicyJson) ?? GatePolicy.Default);
    }
}
