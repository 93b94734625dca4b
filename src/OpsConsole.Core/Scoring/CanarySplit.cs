using System.Security.Cryptography;
using System.Text;

namespace OpsConsole.Scoring;

/// <summary>
/// Decides whether a request goes to the canary: sticky by request id (the same id always lands on the same side), and
/// a fair share of distinct ids. The bucket is the first 8 bytes of SHA-256(model + request id) modulo 10,000, so the
/// split does not depend on .NET's randomized string hashes and is the same on every server and after restarts.
/// </summary>
public static class CanarySplit
{
    public const int Buckets = 10_000;

    public static int Bucket(string model, string requestId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + requestId), hash);
        return (int)(BitConverter.ToUInt64(hash) % Buckets);
    }

    /// <summary>True when the request belongs to the canary's <paramref name="trafficPercent"/> share (0 to 100).</summary>
    public static bool GoesToCanary(string model, string requestId, int trafficPercent) =>
        trafficPercent > 0 && (trafficPercent >= 100 || Bucket(model, requestId) < trafficPercent * (Buckets / 100));
}
