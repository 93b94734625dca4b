using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Scoring;

/// <summary>A disagreeing row: what each version said and the inputs, the examples a reviewer looks at.</summary>
public sealed record DisagreementView(DateTimeOffset At, string? Segment, string? RequestId, string? PrimaryPredictionId, string? PrimaryLabel, string? ShadowLabel,
    double? PrimaryConfidence, double? ShadowConfidence, double? PrimaryValue, double? ShadowValue, string? FeaturesJson);

/// <summary>The shadow comparison of one shadow version against one primary version, with the latest disagreements.</summary>
public sealed record ShadowReportView(string Model, int ShadowVersion, int PrimaryVersion, DateTimeOffset? Since, ShadowReport? Report, IReadOnlyList<DisagreementView> Disagreements);

/// <summary>Reads shadow comparisons for the model page, the API and the promotion gate, never more than <see cref="ReportRows"/> rows into memory.</summary>
public sealed class ShadowReports(OpsDbContext db)
{
    public const int DisagreementSample = 50;

    /// <summary>The report's figures come from at most this many of the latest comparisons, so a long shadow stays cheap to read.</summary>
    public const int ReportRows = 200_000;

    /// <summary>
    /// The comparison of <paramref name="shadowVersion"/> with <paramref name="primaryVersion"/>, over rows since
    /// <paramref name="since"/> (all when null). Time buckets are an hour, or a minute when the rows span under two hours.
    /// </summary>
    public async Task<ShadowReportView> ForAsync(string model, int shadowVersion, int primaryVersion, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var rows = Rows(model, shadowVersion, primaryVersion, since);
        var samples = (await rows.OrderByDescending(r => r.Id).Take(ReportRows).Select(r => new { r.At, r.Segment, r.PrimaryLabel, r.ShadowLabel, r.PrimaryConfidence, r.ShadowConfidence, r.PrimaryValue, r.ShadowValue, r.PrimaryLatencyMs, r.ShadowLatencyMs })
            .ToListAsync(cancellationToken))
            .ConvertAll(r => new ShadowSample(r.At, r.Segment, r.PrimaryLabel, r.ShadowLabel, r.PrimaryConfidence, r.ShadowConfidence, r.PrimaryValue, r.ShadowValue, r.PrimaryLatencyMs, r.ShadowLatencyMs));
        var span = samples.Count == 0 ? TimeSpan.Zero : samples.Max(s => s.At) - samples.Min(s => s.At);
        var report = ShadowReport.Build(samples, span < TimeSpan.FromHours(2) ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1));
        var disagreements = await rows.Where(r => !r.Agrees).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(DisagreementSample)
            .Select(r => new DisagreementView(r.At, r.Segment, r.RequestId, r.PrimaryPredictionId, r.PrimaryLabel, r.ShadowLabel, r.PrimaryConfidence, r.ShadowConfidence, r.PrimaryValue, r.ShadowValue, r.FeaturesJson))
            .ToListAsync(cancellationToken);
        return new ShadowReportView(model, shadowVersion, primaryVersion, since, report, disagreements);
    }

    /// <summary>
    /// What the promotion gate checks of the candidate against production, over every comparison: samples and
    /// agreement counted in the database, the latency ratio from the latest <see cref="ReportRows"/>. Null with no sample.
    /// </summary>
    public static async Task<Registry.ShadowResult?> GateFigures(OpsDbContext db, string model, int candidate, int production, CancellationToken cancellationToken)
    {
        var reports = new ShadowReports(db);
        var counts = await reports.Rows(model, candidate, production, null)
            .GroupBy(_ => 1).Select(g => new { Samples = g.Count(), Agreeing = g.Count(r => r.Agrees) }).SingleOrDefaultAsync(cancellationToken);
        if (counts is null || counts.Samples == 0) return null;
        var latest = await reports.ForAsync(model, candidate, production, null, cancellationToken);
        return new Registry.ShadowResult(counts.Samples, (double)counts.Agreeing / counts.Samples, latest.Report?.LatencyRatio);
    }

    IQueryable<ShadowComparisonRecord> Rows(string model, int shadowVersion, int primaryVersion, DateTimeOffset? since)
    {
        var rows = db.ShadowComparisons.AsNoTracking().Where(r => r.Model == model && r.ShadowVersion == shadowVersion && r.PrimaryVersion == primaryVersion);
        return since is { } from ? rows.Where(r => r.At >= from) : rows;
    }
}
