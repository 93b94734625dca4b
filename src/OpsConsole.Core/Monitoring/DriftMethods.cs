namespace OpsConsole.Monitoring;

/// <summary>The drift methods of STATISTICS.md, their default thresholds and how each one decides drift.</summary>
public static class DriftMethods
{
    public const string Auto = "auto";
    public const string Psi = "psi";
    public const string Kl = "kl";
    public const string Js = "js";
    public const string Ks = "ks";
    public const string Wasserstein = "wasserstein";
    public const string ChiSquare = "chisquare";
    public const string Z = "z";

    public static readonly IReadOnlyList<string> All = [Auto, Psi, Kl, Js, Ks, Wasserstein, ChiSquare, Z];

    /// <summary>Tests give a p-value and drift when it is below the threshold; distances drift when at or above it.</summary>
    public static bool IsTest(string method) => method is Ks or ChiSquare or Z;

    public static double DefaultThreshold(string method) => IsTest(method) ? 0.05 : 0.1;

    /// <summary>Methods that need numbers: the others also take categories (or numbers as discrete values).</summary>
    public static bool NeedsNumbers(string method) => method is Ks or Wasserstein;

    /// <summary>
    /// Evidently's <c>auto</c> rule: by column type, distinct values over both sides, and reference size.
    /// </summary>
    public static string Choose(ColumnType type, int distinct, int referenceRows)
    {
        var small = referenceRows <= 1000;
        if (type == ColumnType.Numeric && distinct > 5) return small ? Ks : Wasserstein;
        if (!small) return Js;
        if (type == ColumnType.Numeric) return distinct >= 3 ? ChiSquare : Z;
        return distinct > 2 ? ChiSquare : Z;
    }
}
