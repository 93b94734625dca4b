using System.Text.Json;
using OpsConsole.Alerting;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// The faults a drill can inject into simulated traffic, and what each does to a record: drift moves every numeric
/// feature into the top fifth of its range; a dropped column leaves the contract's first feature out (requests are
/// rejected, the violation counted per feature); an error burst sends text where a number belongs; a latency spike
/// adds 400 ms to each request's measured latency; a confidence collapse walks records toward the classifier's decision
/// boundary (<see cref="BoundaryWalk"/>, in the simulator), or, for a model whose random records all get one label, puts
/// every number at the middle of its range and every category on its first value.
/// </summary>
public static class DrillFaults
{
    public const string FeatureDrift = "feature-drift";
    public const string DroppedColumn = "dropped-column";
    public const string LatencySpike = "latency-spike";
    public const string ErrorBurst = "error-burst";
    public const string ConfidenceCollapse = "confidence-collapse";

    public static readonly IReadOnlyList<string> All = [FeatureDrift, DroppedColumn, LatencySpike, ErrorBurst, ConfidenceCollapse];

    public static readonly TimeSpan SpikeDelay = TimeSpan.FromMilliseconds(400);

    public static TimeSpan? Delay(string? fault) => fault == LatencySpike ? SpikeDelay : null;

    public static IReadOnlyDictionary<string, double>? Drift(string? fault, IReadOnlyList<FeatureSpec> contract) => fault != FeatureDrift ? null
        : contract.Where(f => f.Type is FeatureTypes.Number or FeatureTypes.Integer).ToDictionary(f => f.Name, _ => 0.8, StringComparer.Ordinal);

    public static Dictionary<string, JsonElement> Apply(string? fault, IReadOnlyList<FeatureSpec> contract, Dictionary<string, JsonElement> record, Random random)
    {
        switch (fault)
        {
            case DroppedColumn when contract.Count > 0:
                record.Remove(contract[0].Name);
                break;
            case ErrorBurst when contract.FirstOrDefault(f => f.Type is FeatureTypes.Number or FeatureTypes.Integer) is { } number:
                record[number.Name] = JsonSerializer.SerializeToElement("n/a");
                break;
            case ConfidenceCollapse:
                foreach (var f in contract)
                {
                    if (f.Type is FeatureTypes.Number or FeatureTypes.Integer)
                    {
                        var (lo, hi) = SimulatedRange(f);
                        var middle = lo + (hi - lo) * (0.5 + (random.NextDouble() - 0.5) * 0.02);
                        record[f.Name] = JsonSerializer.SerializeToElement(f.Type == FeatureTypes.Integer ? Math.Round(middle) : middle);
                    }
                    else if (f.Type == FeatureTypes.Category && f.Categories is { Count: > 0 } categories)
                    {
                        record[f.Name] = JsonSerializer.SerializeToElement(categories[0]);
                    }
                }
                break;
        }
        return record;
    }

    /// <summary>
    /// The range the simulator draws a number from: the contract's bounds, or 10 (times <paramref name="spread"/>) from
    /// the one bound given, or 0 to 10 without any; a spread above 1 widens only the unbounded ends.
    /// </summary>
    public static (double Low, double High) SimulatedRange(FeatureSpec f, double spread = 1) =>
        (f.Min ?? (f.Max is { } m ? m - 10 * spread : 0), f.Max ?? (f.Min is { } n ? n + 10 * spread : 10 * spread));

    /// <summary>The monitoring signals that catch each fault: a drill needs an enabled rule on one of them.</summary>
    public static IReadOnlyList<string> SignalsFor(string fault) => fault switch
    {
        FeatureDrift => [AlertSignals.FeatureDrift, AlertSignals.DatasetDriftShare, AlertSignals.PredictionDrift, AlertSignals.ConfidenceDrift],
        DroppedColumn => [AlertSignals.SchemaViolations, AlertSignals.ErrorRate],
        LatencySpike => [AlertSignals.P99LatencyMs, AlertSignals.P95LatencyMs, AlertSignals.P50LatencyMs],
        ErrorBurst => [AlertSignals.ErrorRate, AlertSignals.SchemaViolations],
        ConfidenceCollapse => [AlertSignals.LowConfidenceShare, AlertSignals.MeanConfidence, AlertSignals.ConfidentRateChange],
        _ => [],
    };
}
