using Bunit;

namespace OpsConsole.Incidents.Runbooks;

public class RunbookContentTests
{
    [Fact]
    public async Task Renders_the_runbook_as_html_without_its_scripts_and_follows_a_new_markdown()
    {
        await using var ctx = new BunitContext();

        var content = ctx.Render<RunbookContent>(p => p.Add(c => c.Markdown, "# Error burst\n\n<script>alert(1)</script>\n\n- [ ] Acknowledge"));

        Assert.Equal("Error burst", content.Find("div.runbook-content > h1").TextContent);
        Assert.Empty(content.FindAll("script"));
        Assert.Equal("Acknowledge", content.Find("li.task-list-item").TextContent.Trim());

        content.Render(p => p.Add(c => c.Markdown, "# Schema break"));

        Assert.Equal("Schema break", content.Find("div.runbook-content > h1").TextContent);
        Assert.Empty(content.FindAll("li"));
    }
}
