using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Registry.Webhooks;

namespace OpsConsole.Registry;

/// <summary>Raised when a version is registered.</summary>
public sealed record VersionRegistered(string Model, int Version, string Sha256, string RegisteredBy);

/// <summary>Registers models and uploads versions: validate, let ONNX Runtime load the artifact, store it by hash, record it.</summary>
public sealed class ModelRegistration(
    IDbContextFactory<OpsDbContext> factory, IArtifactStore store, IOptions<RegistryOptions> options, TimeProvider time,
    RegistryQueries queries, WebhookOutbox webhooks, Platform.LiveEvents live, ILogger<ModelRegistration> logger)
{
    public async Task<Outcome<ModelView>> CreateModelAsync(NewModel input, RegistryActor actor, CancellationToken cancellationToken)
    {
        var errors = RegistryRules.Check(input);
        if (errors.Count > 0) return Outcome.Invalid<ModelView>(errors);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Models.AnyAsync(m => m.Name == input.Name, cancellationToken))
            return Outcome.Invalid<ModelView>("name", $"A model named '{input.Name}' already exists.");

        var model = new RegisteredModel
        {
            Name = input.Name!, Description = input.Description?.Trim() ?? "", Task = input.Task!, OwnerTeam = input.OwnerTeam?.Trim(),
            Tags = [.. (input.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)], CreatedAt = time.GetUtcNow(), CreatedBy = actor.Name,
        };
        db.Models.Add(model);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)   // registered by someone else a moment ago (the unique name index)
        {
            return Outcome.Invalid<ModelView>("name", $"A model named '{input.Name}' already exists.");
        }
        return Outcome.Done<ModelView>(new ModelView(model.Name, model.Description, model.Task, model.OwnerTeam, model.Tags, model.CreatedAt, model.CreatedBy,
            0, null, null, null, [], GatePolicy.Default));
    }

    /// <summary><paramref name="alongside"/> adds rows that must commit with the version or not at all (the trainer's holdout profile).</summary>
    public async Task<Outcome<VersionView>> UploadVersionAsync(string modelName, byte[] artifact, VersionMetadata? metadata, RegistryActor actor,
        CancellationToken cancellationToken, Action<OpsDbContext, ModelVersion>? alongside = null)
    {
        metadata ??= new VersionMetadata();
        var errors = RegistryRules.Check(metadata);
        if (artifact.Length == 0) errors["file"] = ["The upload has no artifact; send the .onnx file as the 'file' part."];
        else if (artifact.LongLength > options.Value.MaxArtifactBytes)
            errors["file"] = [$"The artifact is {artifact.LongLength / 1024 / 1024} MB; the limit is {options.Value.MaxArtifactMegabytes} MB (Registry:MaxArtifactMegabytes)."];
        if (errors.Count > 0) return Outcome.Invalid<VersionView>(errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Name == modelName, cancellationToken);
        if (model is null) return Outcome.NotFound<VersionView>($"There is no model named '{modelName}'.");

        var inspection = OnnxInspector.Inspect(artifact);
        if (!inspection.IsLoadable) return Outcome.Invalid<VersionView>("file", $"ONNX Runtime cannot load this artifact: {inspection.Error}");

        var sha = Convert.ToHexStringLower(SHA256.HashData(artifact));
        await store.SaveAsync(sha, artifact, cancellationToken);
        var next = (await db.ModelVersions.Where(v => v.ModelId == model.Id).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
        var row = new ModelVersion
        {
            ModelId = model.Id, Version = next, Description = metadata.Description?.Trim() ?? "",
            Sha256 = sha, SizeBytes = artifact.LongLength,
            InputsJson = RegistryJson.Write(inspection.Inputs), OutputsJson = RegistryJson.Write(inspection.Outputs),
            FeatureSchemaJson = RegistryJson.Write(metadata.FeatureSchema ?? []), LabelsJson = RegistryJson.Write(metadata.Labels ?? []),
            DatasetVersion = metadata.DatasetVersion, CodeCommit = metadata.CodeCommit,
            ParametersJson = RegistryJson.Write(metadata.Parameters ?? new Dictionary<string, System.Text.Json.JsonElement>()),
            MetricsJson = RegistryJson.Write(metadata.Metrics ?? new Dictionary<string, double>()),
            RegisteredAt = time.GetUtcNow(), RegisteredBy = actor.Name, RegisteredById = actor.Id,
        };
        db.ModelVersions.Add(row);
        alongside?.Invoke(db, row);
        await webhooks.EnqueueAsync(db, WebhookEvents.VersionRegistered,
            new { model = modelName, version = next, sha256 = sha, sizeBytes = artifact.LongLength, registeredBy = actor.Name, registeredAt = row.RegisteredAt }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)   // two uploads took the same number; the caller may simply retry
        {
            return Outcome.Conflict<VersionView>($"Another version of '{modelName}' was registered at the same moment; upload again.");
        }
        logger.VersionRegistered(modelName, next, artifact.LongLength, sha);
        await live.PublishAsync(new VersionRegistered(modelName, next, sha, actor.Name));
        return Outcome.Done<VersionView>(VersionView.From(row, modelName));
    }

    public async Task<Outcome<ModelView>> SetGateAsync(string modelName, GatePolicy policy, CancellationToken cancellationToken)
    {
        // JSON may omit the list; the record says non-null, the wire does not promise it.
        policy = policy with { Metrics = [.. ((IReadOnlyList<MetricThreshold?>?)policy.Metrics ?? []).OfType<MetricThreshold>()] };
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < policy.Metrics.Count; i++)
        {
            var rule = policy.Metrics[i];
            if (string.IsNullOrWhiteSpace(rule.Metric)) errors[$"metrics[{i}].metric"] = ["Name the metric, e.g. accuracy."];
            if (!PromotionGate.Comparators.Contains(rule.Comparator)) errors[$"metrics[{i}].comparator"] = [$"Use one of {string.Join(" ", PromotionGate.Comparators)}."];
            if (!double.IsFinite(rule.Threshold)) errors[$"metrics[{i}].threshold"] = ["The threshold must be a finite number."];
        }
        if (policy.Shadow is { } shadow && (shadow.MinimumSamples < 0 || shadow.MinimumAgreement is < 0 or > 1 || shadow.MaximumLatencyRatio <= 0))
            errors["shadow"] = ["Samples must be >= 0, agreement between 0 and 1, and the latency ratio above 0."];
        if (errors.Count > 0) return Outcome.Invalid<ModelView>(errors);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == modelName, cancellationToken);
        if (model is null) return Outcome.NotFound<ModelView>($"There is no model named '{modelName}'.");
        model.GatePolicyJson = RegistryJson.Write(policy);
        await db.SaveChangesAsync(cancellationToken);
        var view = await queries.ModelAsync(modelName, cancellationToken);
        return Outcome.Done<ModelView>(view!);
    }
}
