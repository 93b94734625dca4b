using AngleSharp.Html.Parser;
using Markdig;
using OpsConsole.Alerting;

namespace OpsConsole.Incidents.Runbooks;

public class SeededRunbooksTests
{
    static readonly HtmlParser Parser = new();

    public static TheoryData<string> Slugs => [.. SeededRunbooks.All.Select(r => r.Slug)];

    [Fact]
    public void The_six_runbooks_for_model_incidents_are_seeded()
    {
        Assert.Equal(
            ["data-drift", "error-burst", "failed-deployment", "label-quality", "latency-regression", "schema-break"],
            SeededRunbooks.All.Select(r => r.Slug).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Each_runbook_has_a_title_the_standard_sections_and_at_least_five_steps(string slug)
    {
        var runbook = SeededRunbooks.Find(slug)!;

        Assert.NotEqual("", runbook.Title);
        Assert.Equal(RunbookMarkdown.Title(runbook.Markdown), runbook.Title);
        Assert.Equal(["When this fires", "Triage", "Mitigate", "Verify", "Escalate"],
            Parser.ParseDocument(RunbookMarkdown.ToSafeHtml(runbook.Markdown)).QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.True(RunbookMarkdown.Steps(runbook.Markdown).Count >= 5);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Each_runbook_renders_with_nothing_removed_by_the_sanitizer(string slug)
    {
        var runbook = SeededRunbooks.Find(slug)!;
        var steps = RunbookMarkdown.Steps(runbook.Markdown);

        var safe = Parser.ParseDocument(RunbookMarkdown.ToSafeHtml(runbook.Markdown));
        var unsanitized = Parser.ParseDocument(Markdown.ToHtml(runbook.Markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()));

        Assert.Equal(Words(unsanitized.Body!.TextContent), Words(safe.Body!.TextContent));
        Assert.Equal(unsanitized.QuerySelectorAll("*").Select(e => e.LocalName), safe.QuerySelectorAll("*").Select(e => e.LocalName));
        Assert.Equal(steps.Select(s => s.Text), safe.QuerySelectorAll("li.task-list-item").Select(li => Words(li.TextContent)));
        Assert.Equal(steps.Count, safe.QuerySelectorAll("li.task-list-item > input[type=checkbox][disabled]").Length);
    }

    [Fact]
    public void Every_rule_template_links_a_seeded_runbook()
    {
        Assert.All(RuleTemplates.All, template => Assert.NotNull(SeededRunbooks.Find(template.Runbook)));
    }

    static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
