using BenchmarkDotNet.Attributes;

namespace OpsConsole.Monitoring;

/// <summary>
/// One drift report over 20 numeric and 5 categorical features, 100,000 reference rows against 1,000,000 current ones,
/// for <c>auto</c> (what the drift job asks for) and for each method forced on every column. The engine's figure
/// includes building <see cref="ColumnValues"/> from the raw columns (dropping missing values and sorting the numbers),
/// as every caller of the engine does. The baseline is <see cref="PlainDriftReport"/>; before measuring, both are run on
/// a small sample and must agree on every method, statistic, p-value and verdict, so the two compute the same report.
/// </summary>
[MemoryDiagnoser]
public class DriftReportBenchmarks
{
    const double Tolerance = 1e-9;

    DriftSample _sample = default!;

    [Params(DriftMethods.Auto, DriftMethods.Psi, DriftMethods.Kl, DriftMethods.Js, DriftMethods.Ks, DriftMethods.Wasserstein, DriftMethods.ChiSquare)]
    public string Method { get; set; } = DriftMethods.Auto;

    [GlobalSetup]
    public void Setup()
    {
        var small = DriftSample.Generate(referenceRows: 2_000, currentRows: 20_000, seed: 7);
        foreach (var method in DriftMethods.All.Where(m => m != DriftMethods.Z)) CheckAgreement(small, method);
        _sample = DriftSample.Generate(BenchmarkScale.Pick(100_000, 2_000), BenchmarkScale.Pick(1_000_000, 20_000), seed: 42);
    }

    [Benchmark(Baseline = true)]
    public PlainDriftResult PlainImplementation() => PlainDriftReport.Run(_sample, Method);

    [Benchmark]
    public DriftReport DriftEngineReport() => DriftEngine.Report(_sample.Columns(), new DriftOptions(Method));

    static void CheckAgreement(DriftSample sample, string method)
    {
        var engine = DriftEngine.Report(sample.Columns(), new DriftOptions(method));
        var plain = PlainDriftReport.Run(sample, method);
        for (var i = 0; i < plain.Columns.Count; i++)
        {
            var (e, p) = (engine.Columns[i], plain.Columns[i]);
            if (e.Column != p.Column || e.Method != p.Method || e.Drift != p.Drift || !Close(e.Statistic, p.Statistic) || !Close(e.PValue, p.PValue))
            {
                throw new InvalidOperationException(
                    $"{method}: the engine and the plain report disagree on {e.Column}: {e.Method} {e.Statistic} (p {e.PValue}, drift {e.Drift}) against {p.Method} {p.Statistic} (p {p.PValue}, drift {p.Drift}).");
            }
        }
        if (!Close(engine.DriftShare, plain.DriftShare)) throw new InvalidOperationException($"{method}: drift share {engine.DriftShare} against {plain.DriftShare}.");
    }

    static bool Close(double? a, double? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
        _ => false,
    };
}
