namespace OpsConsole.Platform;

/// <summary>
/// Reads /metrics the way a test must: the exporter answers from a cache for 300 ms and parallel tests scrape too, so
/// one scrape may predate what the test just did. Ask again past the cache until the text shows what the test waits for.
/// </summary>
public static class MetricsScrape
{
    static readonly TimeSpan CacheTime = TimeSpan.FromMilliseconds(350);

    /// <summary>The first scrape that satisfies <paramref name="shows"/>, else the last one after <paramref name="timeout"/> (default 5 s), for the test's asserts to report.</summary>
    public static async Task<string> UntilAsync(HttpClient client, Func<string, bool> shows, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var text = await client.GetStringAsync("/metrics", cancellationToken);
            if (shows(text) || TimeProvider.System.GetElapsedTime(started) > (timeout ?? TimeSpan.FromSeconds(5))) return text;
            await Task.Delay(CacheTime, cancellationToken);
        }
    }

    /// <summary>The sample lines of one metric for one model.</summary>
    public static IEnumerable<string> Lines(string scrape, string metric, string model) => scrape.Split('\n').Where(l =>
        l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"model=\"{model}\"", StringComparison.Ordinal));
}
