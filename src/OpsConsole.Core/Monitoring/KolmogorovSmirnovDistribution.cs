namespace OpsConsole.Monitoring;

public static class KolmogorovSmirnovDistribution
{
    public const int ExactLimit = 10_000;

    public static double TwoSidedPValue(double d, int m, int n) => throw new NotImplementedException("TEMP");
}
