namespace OpsConsole.Incidents.Runbooks;

public sealed record SeededRunbook(string Slug, string Title, string Markdown);

/// <summary>
/// The runbooks the console ships, one per kind of model incident; the rule templates link them by slug. The
/// Markdown lives in Runbooks/*.md as embedded resources so that it is reviewed as Markdown, not as C# strings.
/// </summary>
public static class SeededRunbooks
{
    static readonly string[] Slugs = ["data-drift", "schema-break", "latency-regression", "error-burst", "failed-deployment", "label-quality"];

    public static IReadOnlyList<SeededRunbook> All { get; } = [.. Slugs.Select(Load)];

    public static SeededRunbook? Find(string slug) => All.FirstOrDefault(r => r.Slug == slug);

    static SeededRunbook Load(string slug)
    {
        var name = $"OpsConsole.Incidents.Runbooks.{slug}.md";
        using var stream = typeof(SeededRunbooks).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The runbook resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var markdown = reader.ReadToEnd();
        return new SeededRunbook(slug, RunbookMarkdown.Title(markdown), markdown);
    }
}
