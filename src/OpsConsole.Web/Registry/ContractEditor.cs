using Microsoft.EntityFrameworkCore;
using OpsConsole.Datasets;

namespace OpsConsole.Registry;

/// <summary>
/// Gives a contract to a version registered without one: proposed from a sample CSV when the model takes a single
/// [batch, n] float input, then saved once. A version's contract is never replaced; a new contract is a new version.
/// </summary>
public sealed class ContractEditor(IDbContextFactory<OpsDbContext> factory, Platform.LiveEvents live)
{
    public async Task<Outcome<IReadOnlyList<FeatureSpec>>> DeriveAsync(string model, int version, string csv, CancellationToken cancellationToken)
    {
        var row = await FindAsync(model, version, cancellationToken);
        if (row is null) return Outcome.NotFound<IReadOnlyList<FeatureSpec>>($"'{model}' has no version {version}.");
        if (Width(row) is not { } width)
            return Outcome.Conflict<IReadOnlyList<FeatureSpec>>("A contract can be derived only for a model with one [batch, n] float32 input; give this one in the upload metadata.");
        var read = CsvReader.Parse(csv);
        if (read.Table is not { } table) return Outcome.Invalid<IReadOnlyList<FeatureSpec>>("file", read.Error!);
        if (table.Columns.Count != width)
            return Outcome.Invalid<IReadOnlyList<FeatureSpec>>("file", $"The model takes {width} features; the sample has {table.Columns.Count} columns.");
        return Outcome.Done(ContractInference.FromCsv(table));
    }

    public async Task<Outcome<VersionView>> SetAsync(string model, int version, IReadOnlyList<FeatureSpec>? schema, CancellationToken cancellationToken)
    {
        if (schema is not { Count: > 0 }) return Outcome.Invalid<VersionView>("featureSchema", "Give at least one feature.");
        var errors = RegistryRules.Check(new VersionMetadata(FeatureSchema: schema));
        if (errors.Count > 0) return Outcome.Invalid<VersionView>(errors.ToDictionary(e => e.Key.Replace("metadata.", "", StringComparison.Ordinal), e => e.Value));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.SingleOrDefaultAsync(v => v.Model!.Name == model && v.Version == version, cancellationToken);
        if (row is null) return Outcome.NotFound<VersionView>($"'{model}' has no version {version}.");
        if ((RegistryJson.Read<List<FeatureSpec>>(row.FeatureSchemaJson) ?? []).Count > 0)
            return Outcome.Conflict<VersionView>($"{model} v{version} already has a contract; register a new version to change it.");
        if (Width(row) is { } width && width != schema.Count)
            return Outcome.Invalid<VersionView>("featureSchema", $"The model takes {width} features; the contract lists {schema.Count}.");
        row.FeatureSchemaJson = RegistryJson.Write(schema);
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new VersionRegistered(model, version, row.Sha256, "contract"));
        return Outcome.Done(VersionView.From(row, model));
    }

    async Task<ModelVersion?> FindAsync(string model, int version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Model!.Name == model && v.Version == version, cancellationToken);
    }

    static int? Width(ModelVersion row) =>
        ContractInference.SingleFloatInputWidth([.. (RegistryJson.Read<List<TensorSignature>>(row.InputsJson) ?? []).Select(i => (i.Type, i.Shape))]);
}
