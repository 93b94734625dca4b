using System.Security.Cryptography;
using System.Text;

namespace OpsConsole.Identity;

/// <summary>
/// The shape of an API key (<c>opc_</c> + 43 url-safe characters) and its stored form: a SHA-256 hash.
/// A key carries 256 random bits, so a fast hash is enough; slow password hashes protect low-entropy secrets.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "opc_";
    const int SecretLength = 43;

    /// <summary>Builds a key from 32 random bytes supplied by the caller.</summary>
    public static string FromRandomBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != 32) throw new ArgumentException("An API key needs exactly 32 random bytes.", nameof(secret));
        return Prefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Lower-case hex SHA-256 of the whole key, the only form that is stored.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What a list may show so people can tell keys apart: the prefix and the first six characters.</summary>
    public static string DisplayPrefix(string key) => key.Length <= Prefix.Length + 6 ? key : key[..(Prefix.Length + 6)];

    /// <summary>Shortest key the console accepts, also for keys given through <c>Bootstrap:ApiKey</c>.</summary>
    public const int MinimumLength = 24;

    /// <summary>Longest key looked up; longer headers are refused without hashing them.</summary>
    public const int MaximumLength = 256;

    /// <summary>True when <paramref name="key"/> could be a key at all; anything else is refused before a lookup.</summary>
    public static bool IsPlausible(string? key) =>
        key is { Length: >= MinimumLength and <= MaximumLength } && !key.Any(char.IsWhiteSpace);

    /// <summary>True for a key this console generated (not one supplied through configuration).</summary>
    public static bool IsGenerated(string key) =>
        key.Length == Prefix.Length + SecretLength && key.StartsWith(Prefix, StringComparison.Ordinal);
}
