using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsConsole.Registry.Webhooks;

/// <summary>Signs webhook deliveries: <c>v1=</c> and the hex HMAC-SHA256 of <c>{deliveryId}.{unixSeconds}.{body}</c> under the subscription's secret.</summary>
public static class WebhookSignature
{
    public const string Prefix = "v1=";

    /// <summary>
    /// The signature a receiver recomputes from the delivery and timestamp headers and the raw body. Signing the id and
    /// the timestamp with the body lets a receiver refuse a replayed delivery or one older than it is willing to accept.
    /// </summary>
    public static string Sign(string secret, string deliveryId, long unixSeconds, string body)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{deliveryId}.{unixSeconds}.{body}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="signature"/> is the one <see cref="Sign"/> gives, compared in constant time.</summary>
    public static bool Verify(string secret, string deliveryId, long unixSeconds, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(Sign(secret, deliveryId, unixSeconds, body)),
            Encoding.UTF8.GetBytes(signature));
}
