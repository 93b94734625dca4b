using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Abbreviations;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace OpsConsole.Incidents.Runbooks;

/// <summary>One checklist item of a runbook, numbered from 0 in document order.</summary>
public sealed record RunbookStep(int Index, string Text);

/// <summary>
/// Runbook Markdown to HTML that is safe to render with <c>MarkupString</c>, and the checklist and title read from
/// the same parse. Runbooks are edited by people in the console, so raw HTML in them is treated as hostile.
/// </summary>
public static class RunbookMarkdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // What Markdig writes for runbooks, plus the inert containers its extensions emit (alerts, footnotes, definition
    // lists, abbreviations, emphasis extras), so their text is not lost.
    static readonly string[] AllowedTags =
    [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "div", "span",
        "ul", "ol", "li", "dl", "dt", "dd", "input",
        "pre", "code", "strong", "em", "del", "ins", "mark", "sup", "sub", "abbr",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a", "img",
    ];

    static readonly string[] AllowedAttributes = ["href", "src", "alt", "title", "type", "checked", "disabled", "start", "colspan", "rowspan", "class"];

    // Only the task-list classes: an empty class list would let every class through (HtmlSanitizer's rule), and a
    // runbook must not borrow the console's own MudBlazor classes to dress up as part of the page.
    static readonly string[] AllowedClasses = ["contains-task-list", "task-list-item"];

    // KeepChildNodes unwraps a tag that is not allowed and keeps its text; these go whole instead, because their
    // content is script, styling, an embedded document or a form control, never runbook text.
    static readonly HashSet<string> RemovedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "form", "button", "select", "textarea", "audio", "video", "canvas", "head", "title", "meta", "link", "base",
    };

    // HtmlSanitizer's Sanitize is thread-safe on a shared instance as long as no setting changes after set-up (its
    // README, "Thread safety"); the handlers below keep no state, so one instance serves every circuit. Declared after
    // the lists it reads: static fields initialize in order.
    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    public static IReadOnlyList<RunbookStep> Steps(string markdown)
    {
        var steps = new List<RunbookStep>();
        foreach (var item in Markdown.Parse(markdown, Pipeline).Descendants<ListItemBlock>())
        {
            // Only the item's own first paragraph: a nested task list is a step of its own, met later in the walk.
            if (item.Count > 0 && item[0] is ParagraphBlock { Inline.FirstChild: TaskList } paragraph)
            {
                steps.Add(new RunbookStep(steps.Count, PlainText(paragraph.Inline)));
            }
        }
        return steps;
    }

    public static string Title(string markdown) =>
        Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } heading
            ? PlainText(heading.Inline)
            : "";

    static HtmlSanitizer CreateSanitizer()
    {
        // Empty(), not new HtmlSanitizerOptions(): the latter starts from the library's broad defaults (form, button, ...).
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(AllowedTags);
        options.AllowedAttributes.UnionWith(AllowedAttributes);
        options.AllowedClasses.UnionWith(AllowedClasses);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Without these the allowed href and src would never be checked against the schemes.
        options.UriAttributes.UnionWith(["href", "src"]);

        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        // The event can only veto a removal, so the tag is dropped here and the library's unwrapping vetoed.
        sanitizer.RemovingTag += (_, e) =>
        {
            if (RemovedWithContent.Contains(e.Tag.LocalName))
            {
                e.Cancel = true;
                e.Tag.Remove();
            }
        };
        sanitizer.PostProcessNode += (_, e) => Tighten(e.Node);
        return sanitizer;
    }

    // Rules the allow-lists cannot say, because HtmlSanitizer allows attributes and schemes for every tag alike.
    static void Tighten(INode node)
    {
        if (node is not IElement element) return;

        switch (element.LocalName)
        {
            case "a":
                element.SetAttribute("rel", "noopener noreferrer");
                break;
            case "img" when !IsWebAddress(element.GetAttribute("src")):
                element.Remove();
                break;
            case "input" when !string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase):
                element.Remove();
                break;
            case "input":
                // Ticking happens in the incident's own checklist; a checkbox in the text must not look clickable.
                element.SetAttribute("type", "checkbox");
                element.SetAttribute("disabled", "disabled");
                break;
        }
    }

    // The sanitizer lets relative image paths through. Absolute parsing alone would not stop them either: on Linux
    // "/x.png" is an absolute file: URI, hence the scheme test.
    static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    static string PlainText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    static void Append(StringBuilder text, ContainerInline? inlines)
    {
        if (inlines is null) return;

        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AbbreviationInline abbreviation:
                    text.Append(abbreviation.Abbreviation.Label);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline container:
                    Append(text, container);
                    break;
            }
        }
    }
}
