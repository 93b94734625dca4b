using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OpsConsole.Benchmarks -- --filter '*'            (real timings)
// dotnet run -c Release --project tests/OpsConsole.Benchmarks -- --job Dry --filter '*'  (does it run; the test script does this)
// A dry run uses small data sizes (see BenchmarkScale), so that it stays quick.
// cd tests/OpsConsole.Benchmarks/bin/Release/net10.0 && ./OpsConsole.Benchmarks profile-scoring mlp_classifier.onnx 256   (stopwatch profile, see ScoringProfile; from the build output, where the console finds its content root)
// cd tests/OpsConsole.Benchmarks/bin/Release/net10.0 && ./OpsConsole.Benchmarks profile-shadow 40 5000   (shadow overhead in alternating pairs, see ShadowPairedProfile)
if (args is ["profile-shadow", ..])
{
    await OpsConsole.Scoring.ShadowPairedProfile.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5000);
    return 0;
}
if (args is ["profile-scoring", ..])
{
    await OpsConsole.Scoring.ScoringProfile.RunAsync(args.Length > 1 ? args[1] : "mlp_classifier.onnx", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 256);
    return 0;
}
OpsConsole.BenchmarkScale.UseSmallSizesFor(args);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(OpsConsole.Identity.AuditedSaveBenchmarks).Assembly).Run(args);

// BenchmarkDotNet exits 0 even when a benchmark throws; a failed benchmark must fail the run.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
