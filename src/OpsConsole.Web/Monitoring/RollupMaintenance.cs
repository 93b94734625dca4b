using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Scoring;

namespace OpsConsole.Monitoring;

/// <summary>
/// Adds a batch of logged predictions to the per-minute rollups, inside the transaction that inserts them: a batch and
/// its rollups commit together or not at all, so rollups always equal a recomputation from the log. Called by the
/// prediction-log writer. Two writers must never both add to a cell from the same stale read: on SQLite the batch
/// insert already holds the database's write lock when the cells are read; on SQL Server, where several servers write at
/// once under row locks, the cells are read with <c>UPDLOCK, HOLDLOCK</c> (<see cref="Cells"/>), so a second writer's
/// read of the same cells, or its insert of a missing one into the locked range, waits for the first one's commit.
/// </summary>
public static class RollupMaintenance
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ApplyAsync(OpsDbContext db, IReadOnlyList<PredictionRecord> rows, CancellationToken cancellationToken)
    {
        var cells = RollupCell.Group(rows.Select(r => new RollupInput(r.Model, r.Version, r.Segment, r.At, r.ServedBy, r.Label, r.Confidence, r.LatencyMs, r.InferenceMs)));
        if (cells.Count == 0) return;
        var existing = await ExistingAsync(db, cells.Keys, cancellationToken);
        var created = new List<PredictionRollup>();
        // Cell by cell, every writer takes its update locks in the same order, so two cannot deadlock on SQL Server.
        foreach (var (key, cell) in cells.OrderBy(c => c.Key.Model, StringComparer.Ordinal).ThenBy(c => c.Key.Version)
                     .ThenBy(c => c.Key.Segment, StringComparer.Ordinal).ThenBy(c => c.Key.Minute))
        {
            var row = existing is null
                ? await Cells(db).SingleOrDefaultAsync(x => x.Model == key.Model && x.Version == key.Version && x.Segment == key.Segment && x.MinuteStart == key.Minute, cancellationToken)
                : existing.GetValueOrDefault(key);
            if (row is null)
            {
                row = new PredictionRollup { Model = key.Model, Version = key.Version, Segment = key.Segment, MinuteStart = key.Minute };
                created.Add(row);
            }
            else
            {
                cell.Merge(Read(row));
            }
            Write(row, cell);
        }
        // New cells by prepared insert in the writer's transaction: an EF-tracked insert (its key read back, its change
        // tracked) costs several times the insert itself, and a batch of history opens tens of cells. Called without
        // a transaction (a one-off backfill), EF saves them with the rest.
        var inTransaction = db.Database.CurrentTransaction is not null;
        if (!inTransaction) db.PredictionRollups.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        if (inTransaction) await Scoring.BulkInsert.InsertInCurrentTransactionAsync(db, created, cancellationToken);
    }

    /// <summary>Longest span of minutes whose cells are read in one query; a batch spread wider (a backfill) reads cell by cell.</summary>
    public static readonly TimeSpan OneQuerySpan = TimeSpan.FromHours(3);

    // A live batch covers a few minutes and one or many cells (versions × segments × minutes): one query for them all
    // instead of one per cell, through the (Model, MinuteStart) index; even for two cells one query is the cheaper
    // (about 1 ms a query on SQLite, measured). Null when the batch spans too long for that to stay small.
    static async Task<Dictionary<RollupKey, PredictionRollup>?> ExistingAsync(OpsDbContext db, Dictionary<RollupKey, RollupCell>.KeyCollection keys, CancellationToken cancellationToken)
    {
        var (first, last) = (keys.Min(k => k.Minute), keys.Max(k => k.Minute));
        if (last - first > OneQuerySpan) return null;
        var models = keys.Select(k => k.Model).Distinct().ToList();
        var rows = await Cells(db).Where(x => models.Contains(x.Model) && x.MinuteStart >= first && x.MinuteStart <= last).ToListAsync(cancellationToken);
        return rows.ToDictionary(x => new RollupKey(x.Model, x.Version, x.Segment, x.MinuteStart));
    }

    /// <summary>
    /// The rollup table as the writer reads it to update it: on SQL Server with update and range locks held to the end of
    /// the transaction (the filter is composed on top, so the locks cover the cells read and the gaps between them).
    /// </summary>
    public static IQueryable<PredictionRollup> Cells(OpsDbContext db)
    {
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.SqlServer") return db.PredictionRollups;
        var entity = db.Model.FindEntityType(typeof(PredictionRollup))!;
        var table = entity.GetSchema() is { } schema ? $"[{schema}].[{entity.GetTableName()}]" : $"[{entity.GetTableName()}]";
#pragma warning disable EF1002 // the table name comes from the EF model, not from input
        return db.PredictionRollups.FromSqlRaw($"SELECT * FROM {table} WITH (UPDLOCK, HOLDLOCK)");
#pragma warning restore EF1002
    }

    public static RollupCell Read(PredictionRollup row) => RollupCell.From(row.Count,
        JsonSerializer.Deserialize<HistogramState>(row.LatencyJson, Json) ?? new LogBucketHistogram().ToState(), row.ConfidenceSum, row.ConfidenceCount,
        JsonSerializer.Deserialize<Dictionary<string, long>>(row.LabelsJson, Json) ?? [], JsonSerializer.Deserialize<Dictionary<string, long>>(row.ServedByJson, Json) ?? [],
        JsonSerializer.Deserialize<long[]>(row.ConfidenceBinsJson, Json), row.InferenceMs);

    public static void Write(PredictionRollup row, RollupCell cell)
    {
        row.Count = cell.Count;
        row.LatencyJson = JsonSerializer.Serialize(cell.Latency.ToState(), Json);
        row.ConfidenceSum = cell.ConfidenceSum;
        row.ConfidenceCount = cell.ConfidenceCount;
        row.LabelsJson = JsonSerializer.Serialize(cell.Labels, Json);
        row.ServedByJson = JsonSerializer.Serialize(cell.ServedBy, Json);
        row.ConfidenceBinsJson = JsonSerializer.Serialize(cell.ConfidenceBins, Json);
        row.InferenceMs = cell.InferenceMs;
    }
}
