using System.ComponentModel.DataAnnotations;

namespace OpsConsole.Platform;

/// <summary>Background jobs: how often the heartbeat beats and how quickly scheduled jobs are picked up.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    [Range(5, 3600)]
    public int HeartbeatSeconds { get; set; } = 30;

    [Range(1, 60)]
    public int SchedulePollingSeconds { get; set; } = 15;

    /// <summary>Worker threads per server; two cores do not need Hangfire's default of 20.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;
}
