namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// A whole document described as content: page size and margins, the flowing content, and a running header and
/// footer that are built for each page once the page count is known.
/// </summary>
public sealed class DocumentSpec
{
    public DocumentSpec(Block content) => Content = content;

    public Block Content { get; }

    public PageSize PageSize { get; set; } = PageSize.A4;

    public Margins Margins { get; set; } = Margins.All(50);

    /// <summary>The running header of a page, or null for none on that page. Drawn as decoration.</summary>
    public Func<PageContext, Block?>? Header { get; set; }

    /// <summary>The running footer of a page, or null for none on that page. Drawn as decoration.</summary>
    public Func<PageContext, Block?>? Footer { get; set; }

    /// <summary>Space between the header and the content, and between the content and the footer.</summary>
    public double HeaderFooterGap { get; set; } = 10;

    public string Title { get; set; } = "";

    public string? Author { get; set; }

    public string? Subject { get; set; }

    /// <summary>The document's language (BCP 47), for screen readers.</summary>
    public string Language { get; set; } = "en";
}

/// <summary>The result of layout: pages of absolute drawing commands.</summary>
public sealed class LaidOutDocument(PageSize pageSize, IReadOnlyList<LaidOutPage> pages)
{
    public PageSize PageSize { get; } = pageSize;

    public IReadOnlyList<LaidOutPage> Pages { get; } = pages;

    public int PageCount => Pages.Count;
}

public sealed class LaidOutPage(int pageNumber, IReadOnlyList<DrawCommand> commands)
{
    public int PageNumber { get; } = pageNumber;

    /// <summary>In drawing order: header, content, footer.</summary>
    public IReadOnlyList<DrawCommand> Commands { get; } = commands;

    /// <summary>The text drawn on the page, fragment by fragment, for tests and checks.</summary>
    public IEnumerable<string> Texts => Commands.OfType<TextCommand>().Select(t => t.Text);
}
