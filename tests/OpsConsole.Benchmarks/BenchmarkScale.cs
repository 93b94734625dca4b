namespace OpsConsole;

/// <summary>
/// Full sizes for real runs, small ones for the dry run the test script does (it proves the benchmarks run, it
/// measures nothing, and must stay quick). Program.cs sets <see cref="Variable"/> when it is given <c>--job Dry</c>;
/// BenchmarkDotNet's benchmark processes inherit it. Set it by hand (1 or 0) to choose the size of any run.
/// </summary>
public static class BenchmarkScale
{
    public const string Variable = "OPSCONSOLE_BENCH_SMALL";

    public static bool IsSmall => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The full size, or the small one under a dry run.</summary>
    public static int Pick(int full, int small) => IsSmall ? small : full;

    public static void UseSmallSizesFor(string[] args)
    {
        var job = Array.FindIndex(args, a => a is "--job" or "-j");
        if (Environment.GetEnvironmentVariable(Variable) is null && job >= 0 && job + 1 < args.Length && args[job + 1].Equals("dry", StringComparison.OrdinalIgnoreCase))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
