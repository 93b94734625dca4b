using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OpsConsole.Incidents.Runbooks;

public class RunbookMarkdownTests
{
    // The rules the rendered HTML must keep, written out here rather than read from RunbookMarkdown, so a change to
    // its allow-list has to change this list too.
    static readonly HashSet<string> SafeTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "div", "span", "ul", "ol", "li", "dl", "dt", "dd",
        "input", "pre", "code", "strong", "em", "del", "ins", "mark", "sup", "sub", "abbr",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img",
    };

    static readonly HashSet<string> SafeAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "type", "checked", "disabled", "start", "colspan", "rowspan", "class", "rel",
    };

    static readonly HtmlParser Parser = new();

    public static TheoryData<string> Payloads =>
    [
        "<script>alert(1)</script>",
        "Text <script>alert(1)</script> inline",
        "<img src=x onerror=alert(1)>",
        "Inline <img src=x onerror=alert(1)> image",
        "[click](javascript:alert(1))",
        "[click](  JAVASCRIPT:alert(1))",
        "<javascript:alert(1)>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<svg onload=alert(1)><circle r=\"1\"/></svg>",
        "<iframe src=\"https://evil.example/alert\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<form><button formaction=javascript:alert(1)>go</button></form>",
        "[x](&#106;avascript:alert(1))",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&#58;alert(1)\">x</a>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p onclick=alert(1) onmouseover=alert(1)>hover</p>",
        "Heading {onclick=alert(1)}\n===",
        "<input type=\"text\" value=\"alert(1)\" autofocus onfocus=alert(1)>",
        "<input type=\"checkbox\" onclick=alert(1)>",
        "<a href=\"https://example.com\" target=\"_blank\" rel=\"opener\">x</a>",
        "![x](https://www.youtube.com/watch?v=alert1)",
        "<details open ontoggle=alert(1)><summary>s</summary></details>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<img src=\"/relative.png\"><img src=\"//evil.example/x.png\">",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Hostile_markdown_renders_inert(string markdown)
    {
        var html = RunbookMarkdown.ToSafeHtml(markdown);

        AssertInert(html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<style>p{color:red}</style>")]
    [InlineData("<svg><text>alert(1)</text></svg>")]
    [InlineData("<math><mtext>alert(1)</mtext></math>")]
    [InlineData("<iframe>alert(1)</iframe>")]
    [InlineData("<form><button>alert(1)</button><textarea>alert(1)</textarea></form>")]
    [InlineData("<noscript>alert(1)</noscript>")]
    public void Script_style_embedded_documents_and_forms_leave_no_text_behind(string markdown)
    {
        Assert.Equal("", Render(markdown).TextContent.Trim());
    }

    [Fact]
    public void Ordinary_runbook_markdown_survives_with_its_structure()
    {
        var body = Render("""
            # Data drift

            ## Triage

            - [ ] Open the heatmap
            - [x] Acknowledge the incident

            | feature | statistic |
            |---------|-----------|
            | amount  | 0.42      |

            ```
            opsconsole drift --reference ref.csv
            ```

            > Drift alone is not an outage.

            See [the docs](https://docs.example.com/drift), mail [on-call](mailto:oncall@example.com),
            open [the model](/models/card-fraud) and ![chart](https://img.example.com/c.png).
            """);

        Assert.Equal("Data drift", body.QuerySelector("h1")?.TextContent);
        Assert.Equal("Triage", body.QuerySelector("h2")?.TextContent);
        Assert.Equal(["feature", "statistic"], body.QuerySelectorAll("table thead th").Select(th => th.TextContent));
        Assert.Equal(["amount", "0.42"], body.QuerySelectorAll("table tbody td").Select(td => td.TextContent));
        Assert.Equal("opsconsole drift --reference ref.csv\n", body.QuerySelector("pre > code")?.TextContent);
        Assert.Equal("Drift alone is not an outage.", body.QuerySelector("blockquote")?.TextContent.Trim());

        var links = body.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a);
        Assert.Equal("https://docs.example.com/drift", links["the docs"].GetAttribute("href"));
        Assert.Equal("noopener noreferrer", links["the docs"].GetAttribute("rel"));
        Assert.Equal("mailto:oncall@example.com", links["on-call"].GetAttribute("href"));
        Assert.Equal("/models/card-fraud", links["the model"].GetAttribute("href"));
        Assert.Equal("https://img.example.com/c.png", body.QuerySelector("img")?.GetAttribute("src"));

        var boxes = body.QuerySelectorAll("li.task-list-item > input").ToList();
        Assert.Equal(2, boxes.Count);
        Assert.All(boxes, box => Assert.Equal("checkbox", box.GetAttribute("type")));
        Assert.All(boxes, box => Assert.True(box.HasAttribute("disabled")));
        Assert.Equal([false, true], boxes.Select(box => box.HasAttribute("checked")));
        AssertInert(body.InnerHtml);
    }

    [Fact]
    public void Autolinked_addresses_become_links_with_noopener()
    {
        var link = Render("Status at https://status.example.com today").QuerySelector("a");

        Assert.Equal("https://status.example.com", link?.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link?.GetAttribute("rel"));
    }

    [Fact]
    public void Text_of_an_unknown_tag_is_kept_but_the_tag_is_not()
    {
        var body = Render("Press <kbd>Ctrl</kbd> and <foo bar=\"1\">go</foo>");

        Assert.Equal("Press Ctrl and go", body.TextContent.Trim());
        Assert.Empty(body.QuerySelectorAll("kbd, foo"));
    }

    [Fact]
    public void One_shared_sanitizer_gives_the_same_html_on_many_threads_at_once()
    {
        var markdown = SeededRunbooks.Find("data-drift")!.Markdown + "\n\n<script>alert(1)</script> [x](https://example.com)";
        var expected = RunbookMarkdown.ToSafeHtml(markdown);
        var results = new string[200];

        Parallel.For(0, results.Length, i => results[i] = RunbookMarkdown.ToSafeHtml(markdown));

        Assert.All(results, html => Assert.Equal(expected, html));
    }

    [Fact]
    public void Steps_are_the_task_list_items_in_document_order_with_nested_items_after_their_parent()
    {
        var steps = RunbookMarkdown.Steps("""
            # Runbook

            - [ ] first
              - [x] first, nested
            - [X] second

            Some prose, and a plain list:

            - not a step

            1. [ ] third, ordered
            """);

        Assert.Equal(
            [new RunbookStep(0, "first"), new RunbookStep(1, "first, nested"), new RunbookStep(2, "second"), new RunbookStep(3, "third, ordered")],
            steps);
    }

    [Fact]
    public void A_step_reduces_inline_markdown_to_its_text()
    {
        var steps = RunbookMarkdown.Steps("- [ ] Check **bold** and `code`, *then* [the page](/monitoring/x) at https://example.com &amp; more\n  on a second line");

        Assert.Equal("Check bold and code, then the page at https://example.com & more on a second line", Assert.Single(steps).Text);
    }

    [Fact]
    public void Markdown_without_task_lists_has_no_steps()
    {
        Assert.Empty(RunbookMarkdown.Steps("# Title\n\n- a plain item\n- [not a box] either\n\nText with [ ] brackets."));
        Assert.Empty(RunbookMarkdown.Steps(""));
    }

    [Fact]
    public void Title_is_the_first_level_one_heading_as_text()
    {
        Assert.Equal("Latency regression", RunbookMarkdown.Title("## Before\n\n# Latency *regression*\n\n# Second"));
        Assert.Equal("Setext title", RunbookMarkdown.Title("Setext `title`\n============"));
    }

    [Fact]
    public void Title_is_empty_without_a_level_one_heading()
    {
        Assert.Equal("", RunbookMarkdown.Title("## Only a subheading\n\nText."));
        Assert.Equal("", RunbookMarkdown.Title(""));
    }

    static IElement Render(string markdown) => Parse(RunbookMarkdown.ToSafeHtml(markdown));

    static IElement Parse(string html) => Parser.ParseDocument("<!doctype html><html><body>" + html).Body!;

    // Parsing the output as a browser would and checking every element and attribute, since a string search misses
    // what the parser rebuilds (entities, case, unquoted values).
    static void AssertInert(string html)
    {
        foreach (var element in Parse(html).QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, SafeTags);
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.Name, SafeAttributes);
                var compact = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
                Assert.DoesNotContain("javascript:", compact, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("data:", compact, StringComparison.OrdinalIgnoreCase);
            }

            if (element.GetAttribute("href") is { } href) Assert.True(IsAllowedLink(href), $"href {href}");
            if (element.LocalName == "img") Assert.True(IsWebAddress(element.GetAttribute("src")), $"img src {element.GetAttribute("src")}");
            if (element.LocalName == "a") Assert.Equal("noopener noreferrer", element.GetAttribute("rel"));
            if (element.LocalName == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Assert.True(element.HasAttribute("disabled"));
            }
        }
    }

    static bool IsAllowedLink(string href) =>
        IsWebAddress(href) || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || !href.Contains(':', StringComparison.Ordinal);

    static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
