using OpsConsole.Alerting;

namespace OpsConsole.Incidents;

/// <summary>One incident's part in the trends: its tier, models, and milestones.</summary>
public sealed record IncidentSample(Severity Severity, IReadOnlyList<string> Models, IncidentMilestones Milestones);

/// <summary>MTTA and MTTR (mean and median, in seconds) over a set of incidents; an incident counts toward each figure once it reached that milestone.</summary>
public sealed record ResponseTimes(int Incidents, int Acknowledged, int Resolved, double? MttaSeconds, double? MedianTtaSeconds, double? MttrSeconds, double? MedianTtrSeconds);

/// <summary>
/// Response-time trends: MTTA (opened → first acknowledgement) and MTTR (opened → the resolution that held), per
/// severity and per model. Means are what PagerDuty reports; medians are shown beside them because one incident left
/// open over a weekend drags a mean far more than it says about the team.
/// </summary>
public static class IncidentTrends
{
    public static ResponseTimes Of(IReadOnlyCollection<IncidentSample> incidents)
    {
        var tta = incidents.Select(i => i.Milestones.TimeToAcknowledge?.TotalSeconds).OfType<double>().Order().ToList();
        var ttr = incidents.Select(i => i.Milestones.TimeToResolve?.TotalSeconds).OfType<double>().Order().ToList();
        return new ResponseTimes(incidents.Count, tta.Count, ttr.Count, Mean(tta), Median(tta), Mean(ttr), Median(ttr));
    }

    public static IReadOnlyDictionary<string, ResponseTimes> BySeverity(IReadOnlyCollection<IncidentSample> incidents) =>
        incidents.GroupBy(i => IncidentRules.Name(i.Severity)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of([.. g]), StringComparer.Ordinal);

    /// <summary>Per model; an incident on two models counts for both.</summary>
    public static IReadOnlyDictionary<string, ResponseTimes> ByModel(IReadOnlyCollection<IncidentSample> incidents) =>
        incidents.SelectMany(i => i.Models.Distinct().Select(m => (Model: m, Incident: i))).GroupBy(x => x.Model).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of([.. g.Select(x => x.Incident)]), StringComparer.Ordinal);

    static double? Mean(List<double> sorted) => sorted.Count == 0 ? null : sorted.Average();

    static double? Median(List<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
