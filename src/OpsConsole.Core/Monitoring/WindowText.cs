using System.Globalization;

namespace OpsConsole.Monitoring;

/// <summary>Window lengths as people type them in a query string: <c>90m</c>, <c>24h</c>, <c>7d</c>.</summary>
public static class WindowText
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    /// <summary>The window, or null when the text is not a positive whole number of minutes, hours or days up to 90 days.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2) return null;
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0) return null;
        TimeSpan? window = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        return window is { } w && w <= Longest ? w : null;
    }
}
