using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

/// <summary>One local day: predictions, those labelled so far and their realized accuracy, and the label-free estimate for all of the day's predictions.</summary>
public sealed record DailyAccuracy(DateOnly Day, long Predictions, int Labelled, double? Realized, EstimatedAccuracy? Estimated);

/// <summary>How the estimate was calibrated: on how many labelled reference rows, and whether binning lowered the held-out calibration error.</summary>
public sealed record CalibrationView(DateTimeOffset From, DateTimeOffset To, int Rows, bool Used, double? EceUncalibrated, double? EceCalibrated);

public sealed record AccuracyView(string Model, int Version, string TimeZone, CalibrationView Calibration, IReadOnlyList<DailyAccuracy> Days);

/// <summary>
/// Realized accuracy per day once labels arrive, beside the confidence-based estimate that needs none, so a user sees
/// when the estimate stops matching. The estimate reads the day's confidence bins from the rollups; its calibration is
/// fitted on the version's labelled predictions of the <see cref="CalibrationDays"/> days before the range.
/// </summary>
public sealed class AccuracyQueries(OpsDbContext db, PerformanceQueries performance)
{
    public const int CalibrationDays = 30;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(AccuracyView? View, string? Problem)> DailyAsync(string model, int? version, int days, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (chosen, problem) = await performance.VersionAsync(model, version, cancellationToken);
        if (chosen is not { } v) return (null, problem);
        var firstDay = KpiMath.LocalDay(now, zone).AddDays(-(days - 1));
        var from = KpiMath.StartOf(firstDay, zone);

        var referenceFrom = from.AddDays(-CalibrationDays);
        var reference = await performance.LabelledAsync(model, v, referenceFrom, from, cancellationToken);
        List<(double, bool)> withConfidence = [.. reference.Where(r => r.Confidence is not null).Select(r => (r.Confidence!.Value, r.Predicted == r.Truth))];
        var calibration = ConfidenceBasedEstimate.Fit(withConfidence);

        var labelled = await performance.LabelledAsync(model, v, from, now, cancellationToken);
        var realized = labelled.GroupBy(l => KpiMath.LocalDay(l.At, zone)).ToDictionary(g => g.Key, g => (Count: g.Count(), Right: g.Count(l => l.Predicted == l.Truth)));
        var start = RollupKey.MinuteOf(from);
        var cells = await db.PredictionRollups.AsNoTracking().Where(r => r.Model == model && r.Version == v && r.MinuteStart >= start && r.MinuteStart < now)
            .Select(r => new { r.MinuteStart, r.Count, r.ConfidenceSum, r.ConfidenceCount, r.ConfidenceBinsJson }).ToListAsync(cancellationToken);
        var byDay = cells.GroupBy(c => KpiMath.LocalDay(c.MinuteStart, zone)).ToDictionary(g => g.Key, g =>
        {
            var bins = new long[RollupCell.ConfidenceBinCount];
            foreach (var c in g)
            {
                if (JsonSerializer.Deserialize<long[]>(c.ConfidenceBinsJson, Json) is { Length: RollupCell.ConfidenceBinCount } cellBins)
                {
                    for (var b = 0; b < bins.Length; b++) bins[b] += cellBins[b];
                }
            }
            return (Count: g.Sum(c => c.Count), Estimate: ConfidenceBasedEstimate.FromBins(bins, g.Sum(c => c.ConfidenceSum), g.Sum(c => c.ConfidenceCount), calibration));
        });
        var series = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Where(d => byDay.ContainsKey(d) || realized.ContainsKey(d)).Select(d =>
        {
            var (count, estimate) = byDay.GetValueOrDefault(d);
            var (labelledCount, right) = realized.GetValueOrDefault(d);
            return new DailyAccuracy(d, count, labelledCount, labelledCount == 0 ? null : (double)right / labelledCount, estimate);
        }).ToList();
        return (new AccuracyView(model, v, zone.Id,
            new CalibrationView(referenceFrom, from, calibration?.Rows ?? withConfidence.Count, calibration?.Used ?? false, calibration?.EceUncalibrated, calibration?.EceCalibrated), series), null);
    }
}
