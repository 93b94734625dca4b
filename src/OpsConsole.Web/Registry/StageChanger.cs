using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;
using OpsConsole.Registry.Webhooks;

namespace OpsConsole.Registry;

/// <summary>Raised after a stage change or rollback is committed.</summary>
public sealed record ModelStageChanged(string Model, int Version, string From, string To, bool IsRollback, string Actor);

/// <summary>
/// Moves versions between stages: shape checks, artifact verification, separation of duties, the promotion gate
/// (overridable by a Lead with a reason), then the transition and its append-only log entries in one transaction.
/// </summary>
public sealed class StageChanger(
    IDbContextFactory<OpsDbContext> factory, ArtifactLoader artifacts, WebhookOutbox webhooks, TimeProvider time, Platform.LiveEvents live, ILogger<StageChanger> logger)
{
    public async Task<Outcome<VersionView>> ChangeAsync(string modelName, int version, StageChange input, RegistryActor actor, CancellationToken cancellationToken)
    {
        var errors = StageChangeRules.Check(input);
        if (errors.Count > 0) return Outcome.Invalid<VersionView>(errors);
        if (!ModelStages.TryParse(input.Stage, out var target)) return Outcome.Invalid<VersionView>("stage", "Unknown stage.");

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == modelName, cancellationToken);
        var row = model?.Versions.SingleOrDefault(v => v.Version == version);
        if (model is null || row is null) return Outcome.NotFound<VersionView>($"'{modelName}' has no version {version}.");
        if (row.Stage == target && row.TrafficPercent == input.TrafficPercent)
            return Outcome.Conflict<VersionView>($"{modelName} v{version} is already {ModelStages.Name(target)}.");

        GateReport? report = null;
        if (ModelStages.IsGated(target))
        {
            var request = new { model = modelName, version, stage = ModelStages.Name(target), requestedBy = actor.Name, reason = input.Reason!.Trim() };
            await webhooks.EnqueueAsync(db, WebhookEvents.PromotionRequested, request, cancellationToken);
            if (actor.Id is not null && actor.Id == row.RegisteredById)
            {
                await db.SaveChangesAsync(cancellationToken);   // the request is announced: a colleague may now approve it
                return Outcome.Forbidden<VersionView>($"You registered {modelName} v{version}; someone else must approve its promotion (separation of duties).");
            }
            var loaded = await artifacts.LoadAsync(modelName, version, cancellationToken);
            if (!loaded.IsVerified) return Outcome.Conflict<VersionView>(loaded.Error!);

            report = await EvaluateAsync(db, model, row, cancellationToken);
            var refusal = !report.Passed && !input.Override
                ? Outcome.Conflict<VersionView>("The promotion gate refused this version; see the gate report. A Lead may override with a reason.", report)
                : !report.Passed && !actor.IsAtLeast(Roles.Lead)
                    ? Outcome.Forbidden<VersionView>("Only a Lead or Admin may override a failed promotion gate.")
                    : null;
            if (refusal is not null)
            {
                await webhooks.EnqueueAsync(db, WebhookEvents.PromotionRejected, new
                {
                    model = modelName, version, stage = ModelStages.Name(target), actor = actor.Name, reason = refusal.Message,
                    failedChecks = report.Checks.Where(c => !c.Passed).Select(c => new { c.Name, c.Reason }).ToList(),
                }, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return refusal;
            }
        }

        var now = time.GetUtcNow();
        var holder = target is ModelStage.Production or ModelStage.Canary ? model.Versions.SingleOrDefault(v => v.Stage == target && v.Id != row.Id) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        model.StageRevision++;
        if (holder is not null)
        {
            // Free the unique slot first: the database refuses two production (or canary) rows even inside one save.
            Move(db, model, holder, ModelStage.None, null, null, $"Replaced by v{row.Version}: {input.Reason}", null, false, false, actor, now);
            if (!await TrySaveAsync(db, cancellationToken)) return Raced(modelName);
        }
        var from = row.Stage;
        var isOverride = input.Override && report is { Passed: false };
        Move(db, model, row, target, input.TrafficPercent, holder?.Version, input.Reason!.Trim(), report, isOverride, false, actor, now);
        await webhooks.EnqueueAsync(db, WebhookEvents.StageChanged, new
        {
            model = modelName, version, from = ModelStages.Name(from), to = ModelStages.Name(target), trafficPercent = input.TrafficPercent,
            previousHolder = holder?.Version, reason = input.Reason.Trim(), actor = actor.Name, isOverride,
        }, cancellationToken);
        if (report is not null)
        {
            await webhooks.EnqueueAsync(db, WebhookEvents.PromotionApproved,
                new { model = modelName, version, stage = ModelStages.Name(target), approvedBy = actor.Name, gatePassed = report.Passed, isOverride }, cancellationToken);
        }
        if (!await TryCommitAsync(db, transaction, cancellationToken)) return Raced(modelName);
        var (fromName, toName) = (ModelStages.Name(from), ModelStages.Name(target));
        logger.StageChanged(modelName, version, fromName, toName, actor.Name);
        await live.PublishAsync(new ModelStageChanged(modelName, version, fromName, toName, false, actor.Name));
        return Outcome.Done<VersionView>(VersionView.From(row, modelName));
    }

    /// <summary>Returns production to the previous production version that is not broken and was not itself rolled back from.</summary>
    public async Task<Outcome<VersionView>> RollbackAsync(string modelName, string? reason, RegistryActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Invalid<VersionView>("reason", "Say why; the reason is kept in the promotion log.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == modelName, cancellationToken);
        if (model is null) return Outcome.NotFound<VersionView>($"There is no model named '{modelName}'.");
        var current = model.Versions.SingleOrDefault(v => v.Stage == ModelStage.Production);
        var log = await RegistryQueries.TransitionsAsync(db, model.Id, cancellationToken);
        var broken = model.Versions.Where(v => v.IsBroken).Select(v => v.Version).ToHashSet();
        // Walk back past candidates whose artifact fails its check now: a rollback is the way out and should find one.
        int? targetVersion;
        var refused = new List<string>();
        while ((targetVersion = ProductionHistory.RollbackTarget(log, current?.Version, broken)) is { } candidate)
        {
            var loaded = await artifacts.LoadAsync(modelName, candidate, cancellationToken);
            if (loaded.IsVerified) break;
            refused.Add($"v{candidate}: {loaded.Error}");
            broken.Add(candidate);
        }
        if (targetVersion is null)
        {
            return Outcome.Conflict<VersionView>($"{modelName} has no earlier production version to roll back to"
                + (refused.Count > 0 ? $" ({string.Join("; ", refused)})." : "."));
        }

        var target = model.Versions.Single(v => v.Version == targetVersion);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        model.StageRevision++;
        if (current is not null)
        {
            Move(db, model, current, ModelStage.None, null, null, "Rolled back: " + reason.Trim(), null, false, true, actor, now);
            if (!await TrySaveAsync(db, cancellationToken)) return Raced(modelName);
        }
        var from = target.Stage;
        Move(db, model, target, ModelStage.Production, null, current?.Version, "Rollback: " + reason.Trim(), null, false, true, actor, now);
        await webhooks.EnqueueAsync(db, WebhookEvents.RollbackExecuted,
            new { model = modelName, fromVersion = current?.Version, toVersion = target.Version, reason = reason.Trim(), actor = actor.Name }, cancellationToken);
        // Subscribers that follow stages only hear of a rollback as the stage change it is.
        await webhooks.EnqueueAsync(db, WebhookEvents.StageChanged, new
        {
            model = modelName, version = target.Version, from = ModelStages.Name(from), to = "production", trafficPercent = (int?)null,
            previousHolder = current?.Version, reason = "Rollback: " + reason.Trim(), actor = actor.Name, isOverride = false, isRollback = true,
        }, cancellationToken);
        if (!await TryCommitAsync(db, transaction, cancellationToken)) return Raced(modelName);
        var previousStage = ModelStages.Name(from);
        logger.StageChanged(modelName, target.Version, previousStage, "production", actor.Name);
        await live.PublishAsync(new ModelStageChanged(modelName, target.Version, previousStage, "production", true, actor.Name));
        return Outcome.Done<VersionView>(VersionView.From(target, modelName));
    }

    static async Task<GateReport> EvaluateAsync(OpsDbContext db, RegisteredModel model, ModelVersion candidate, CancellationToken cancellationToken)
    {
        var policy = RegistryJson.Read<GatePolicy>(model.GatePolicyJson) ?? GatePolicy.Default;
        var production = model.Versions.SingleOrDefault(v => v.Stage == ModelStage.Production && v.Id != candidate.Id);
        var changes = production is null
            ? null
            : ContractDiff.Compare(RegistryJson.Read<List<FeatureSpec>>(production.FeatureSchemaJson) ?? [], RegistryJson.Read<List<FeatureSpec>>(candidate.FeatureSchemaJson) ?? []);
        var metrics = RegistryJson.Read<Dictionary<string, double>>(candidate.MetricsJson) ?? [];
        // The shadow figures are the candidate's comparison with the version it would replace; with nothing in
        // production there is nothing to compare with, and a shadow requirement fails with "none".
        var shadow = policy.Shadow is not null && production is not null
            ? await Scoring.ShadowReports.GateFigures(db, model.Name, candidate.Version, production.Version, cancellationToken)
            : null;
        return PromotionGate.Evaluate(policy, metrics, changes, shadow);
    }

    /// <summary>Moves one version to a stage and appends the log entry that says so; the caller saves.</summary>
    static void Move(OpsDbContext db, RegisteredModel model, ModelVersion version, ModelStage to, int? percent, int? previous, string reason,
        GateReport? report, bool isOverride, bool isRollback, RegistryActor actor, DateTimeOffset at)
    {
        db.PromotionLog.Add(new PromotionLogEntry
        {
            ModelId = model.Id, VersionId = version.Id, Version = version.Version, FromStage = version.Stage, ToStage = to, TrafficPercent = percent,
            PreviousHolder = previous, Reason = reason, GateReportJson = report is null ? null : RegistryJson.Write(report),
            IsOverride = isOverride, IsRollback = isRollback, At = at, Actor = actor.Name,
        });
        version.Stage = to;
        version.TrafficPercent = percent;
        version.StageChangedAt = at;
    }

    // A lost race surfaces as an update error, from the model's stage revision or the unique production and canary
    // indexes: report it, do not throw. The transaction rolls back when it is disposed.
    static async Task<bool> TryCommitAsync(OpsDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await TrySaveAsync(db, cancellationToken)) return false;
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    static async Task<bool> TrySaveAsync(OpsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    static Outcome<VersionView> Raced(string modelName) =>
        Outcome.Conflict<VersionView>($"Another change to {modelName} landed at the same moment; reload and try again.");
}
