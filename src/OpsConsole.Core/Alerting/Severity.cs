namespace OpsConsole.Alerting;

/// <summary>Severity tiers: SEV1 is critical and pages; SEV4 is informational and never pages.</summary>
public enum Severity { Sev1 = 1, Sev2 = 2, Sev3 = 3, Sev4 = 4 }

public static class Severities
{
    /// <summary>Whether a firing alert of this tier pages the on-call person (SEV1 and SEV2).</summary>
    public static bool Pages(Severity severity) => severity is Severity.Sev1 or Severity.Sev2;

    /// <summary>Whether an alert of this tier opens an incident unless its rule says otherwise (SEV1 and SEV2).</summary>
    public static bool OpensIncidentByDefault(Severity severity) => severity is Severity.Sev1 or Severity.Sev2;

    /// <summary>True when <paramref name="a"/> is more severe than <paramref name="b"/> (SEV1 outranks SEV2).</summary>
    public static bool Outranks(Severity a, Severity b) => (int)a < (int)b;
}
