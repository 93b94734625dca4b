namespace OpsConsole.Platform;

/// <summary>
/// Whether a URL stays on this site: a path that starts with a single "/". Browsers treat "\" as "/", so "/\evil.example"
/// would leave the site; backslashes and control characters are refused anywhere.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Contains('\\', StringComparison.Ordinal)
        && !url.Any(char.IsControl);
}
