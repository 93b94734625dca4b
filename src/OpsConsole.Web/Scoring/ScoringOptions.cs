using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Scoring;

/// <summary>How the prediction log buffers: a bounded queue between scoring and the batched writer.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Predictions waiting for the writer; when full, scoring waits for room rather than dropping any.</summary>
    [Range(1000, 10_000_000)]
    public int PredictionQueueCapacity { get; set; } = 100_000;

    [Range(1, 50_000)]
    public int PredictionBatchSize { get; set; } = 1000;
}
