using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Scoring;

/// <summary>Scoring's knobs: queues between the request path and the background writers, time limits, retention.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Scored predictions waiting for the writer; when full, scoring waits for room rather than dropping any.</summary>
    [Range(1000, 10_000_000)]
    public int PredictionQueueCapacity { get; set; } = 100_000;

    /// <summary>Ingested rows waiting to be committed; beyond this, ingestion answers 429 with Retry-After.</summary>
    /// <remarks>At least one full request (<see cref="IngestionRules.MaxPredictions"/> rows), or a large batch could never be accepted.</remarks>
    [Range(IngestionRules.MaxPredictions, 10_000_000)]
    public int IngestionQueueCapacity { get; set; } = 200_000;

    [Range(1, 50_000)]
    public int PredictionBatchSize { get; set; } = 2000;

    /// <summary>
    /// How long scored predictions may wait for company before the writer commits a batch smaller than
    /// <see cref="PredictionBatchSize"/>; 0 commits whatever is queued at once. Ingested batches never wait.
    /// </summary>
    [Range(0, 1000)]
    public int PredictionFlushMs { get; set; } = 20;

    /// <summary>Requests waiting to be scored by shadow versions; when full, shadow work is dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int ShadowQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// How long shadow comparisons may gather before they are written, unless 500 are waiting; 0 writes whenever the
    /// shadow queue is empty. They are statistics for the shadow report and the promotion gate, not acknowledged data.
    /// </summary>
    [Range(0, 10_000)]
    public int ShadowFlushMs { get; set; } = 500;

    /// <summary>Input values (tensor elements, record fields) queued shadow work may hold, about 4 bytes each for float tensors.</summary>
    [Range(1000, 1_000_000_000)]
    public long ShadowQueueMaxValues { get; set; } = 20_000_000;

    /// <summary>How long a version may run before the next one in the chain serves, unless the model sets its own.</summary>
    [Range(1, 60_000)]
    public int DefaultTimeoutMs { get; set; } = 2000;

    /// <summary>How long a serving plan is kept before it is read again (changes made on this server apply at once).</summary>
    [Range(1, 3600)]
    public int PlanRefreshSeconds { get; set; } = 5;

    /// <summary>Days of predictions, shadow comparisons and outcomes kept; older rows are deleted daily.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
