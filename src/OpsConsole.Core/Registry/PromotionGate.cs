namespace OpsConsole.Registry;

/// <summary>An offline metric a version must meet, e.g. accuracy &gt;= 0.85.</summary>
public sealed record MetricThreshold(string Metric, string Comparator, double Threshold);

/// <summary>What the shadow comparison must show before promotion (filled in once scoring records shadow results).</summary>
public sealed record ShadowRequirement(int MinimumSamples, double MinimumAgreement, double MaximumLatencyRatio);

/// <summary>Measured shadow results of a candidate against production.</summary>
/// <summary>Measured shadow results of a candidate against production; the latency ratio is null when production's latency is unknown.</summary>
public sealed record ShadowResult(int Samples, double Agreement, double? LatencyRatio);

/// <summary>A model's promotion gate; an empty policy still checks contract compatibility.</summary>
public sealed record GatePolicy(IReadOnlyList<MetricThreshold> Metrics, bool RequireCompatibleContract = true, ShadowRequirement? Shadow = null)
{
    public static GatePolicy Default { get; } = new([]);
}

/// <summary>One line of the gate report: what was checked, against what, the value found, and why it failed.</summary>
public sealed record GateCheck(string Name, string Threshold, string Value, bool Passed, string? Reason);

public sealed record GateReport(IReadOnlyList<GateCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>Evaluates a candidate version against its model's gate, check by check.</summary>
public static class PromotionGate
{
    public static readonly IReadOnlyList<string> Comparators = [">=", ">", "<=", "<"];

    // contractChanges: the candidate's contract against production's, null when nothing serves yet; shadow: null when none recorded.
    public static GateReport Evaluate(GatePolicy policy, IReadOnlyDictionary<string, double> metrics,
        IReadOnlyList<ContractChange>? contractChanges, ShadowResult? shadow)
    {
        var checks = new List<GateCheck>();
        foreach (var rule in policy.Metrics) checks.Add(CheckMetric(rule, metrics));
        if (policy.RequireCompatibleContract) checks.Add(CheckContract(contractChanges));
        if (policy.Shadow is { } requirement) checks.AddRange(CheckShadow(requirement, shadow));
        return new GateReport(checks);
    }

    static GateCheck CheckMetric(MetricThreshold rule, IReadOnlyDictionary<string, double> metrics)
    {
        var threshold = $"{rule.Comparator} {Format(rule.Threshold)}";
        if (!metrics.TryGetValue(rule.Metric, out var value))
            return new(rule.Metric, threshold, "missing", false, $"The version reports no '{rule.Metric}' metric, so the gate cannot pass it.");
        var passed = rule.Comparator switch
        {
            ">=" => value >= rule.Threshold,
            ">" => value > rule.Threshold,
            "<=" => value <= rule.Threshold,
            "<" => value < rule.Threshold,
            _ => false,
        };
        return new(rule.Metric, threshold, Format(value), passed,
            passed ? null : $"{rule.Metric} is {Format(value)}, which does not meet {threshold}.");
    }

    static GateCheck CheckContract(IReadOnlyList<ContractChange>? changes)
    {
        if (changes is null) return new("data contract", "compatible with production", "no production version", true, null);
        var breaking = changes.Where(c => c.IsBreaking).ToList();
        if (breaking.Count == 0) return new("data contract", "compatible with production", $"{changes.Count} compatible change(s)", true, null);
        var list = string.Join("; ", breaking.Select(c => c.Kind == ContractChangeKind.Removed ? $"'{c.Feature}' removed" : $"'{c.Feature}' retyped {c.Before} -> {c.After}"));
        return new("data contract", "compatible with production", $"{breaking.Count} breaking change(s)", false,
            $"Callers of production would break: {list}. Promote with an override if every caller has moved.");
    }

    static IEnumerable<GateCheck> CheckShadow(ShadowRequirement requirement, ShadowResult? shadow)
    {
        if (shadow is null)
        {
            yield return new("shadow samples", $">= {requirement.MinimumSamples}", "none", false,
                "The version has not been shadowed against production yet; stage it as shadow first.");
            yield break;
        }
        yield return new("shadow samples", $">= {requirement.MinimumSamples}", shadow.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            shadow.Samples >= requirement.MinimumSamples,
            shadow.Samples >= requirement.MinimumSamples ? null : $"Only {shadow.Samples} requests were compared; the gate asks for {requirement.MinimumSamples}.");
        yield return new("shadow agreement", $">= {Format(requirement.MinimumAgreement)}", Format(shadow.Agreement), shadow.Agreement >= requirement.MinimumAgreement,
            shadow.Agreement >= requirement.MinimumAgreement ? null : $"The version agrees with production on {Format(shadow.Agreement)} of requests, below {Format(requirement.MinimumAgreement)}.");
        if (shadow.LatencyRatio is not { } ratio)
        {
            yield return new("shadow latency ratio", $"<= {Format(requirement.MaximumLatencyRatio)}", "unknown", false,
                "Production's latency was not recorded for the compared requests (ingested predictions without latencyMs), so the ratio is unknown.");
            yield break;
        }
        yield return new("shadow latency ratio", $"<= {Format(requirement.MaximumLatencyRatio)}", Format(ratio), ratio <= requirement.MaximumLatencyRatio,
            ratio <= requirement.MaximumLatencyRatio ? null : $"It is {Format(ratio)}x as slow as production, over the allowed {Format(requirement.MaximumLatencyRatio)}x.");
    }

    static string Format(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
