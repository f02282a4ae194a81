namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>
/// Lays a <see cref="DocumentSpec"/> out into pages: content is cut into unbreakable strips, strips are placed
/// greedily, and a break goes where it breaks the fewest promises (keep-together, keep-with-next, widows and
/// orphans), preferring the latest such place. Running headers and footers are built last, with the page count.
/// </summary>
public static class DocumentLayout
{
    private const double Epsilon = 0.01;

    public static LaidOutDocument Layout(DocumentSpec spec, ITextMeasurer measurer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(measurer);
        var context = new LayoutContext(measurer);
        var page = spec.PageSize;
        var m = spec.Margins;
        var contentWidth = Math.Max(1, page.Width - m.Left - m.Right);

        var strips = new List<Strip>();
        spec.Content.LayoutInto(context, contentWidth, null, strips);

        // Header and footer heights are taken from a provisional page count; their text may change, their lines not.
        var bodyCache = new Dictionary<int, (double Top, double Height)>();
        (double Top, double Height) Body(int pageNumber)
        {
            if (bodyCache.TryGetValue(pageNumber, out var body))
                return body;
            var provisional = new PageContext(pageNumber, Math.Max(pageNumber, 99));
            var header = Decoration(spec.Header, provisional, context, contentWidth);
            var footer = Decoration(spec.Footer, provisional, context, contentWidth);
            var top = m.Top + (header is null ? 0 : header.Height + spec.HeaderFooterGap);
            var bottom = page.Height - m.Bottom - (footer is null ? 0 : footer.Height + spec.HeaderFooterGap);
            body = (top, Math.Max(1, bottom - top));
            bodyCache[pageNumber] = body;
            return body;
        }

        var placedPages = BreakIntoPages(strips, n => Body(n).Height);

        var pages = new List<LaidOutPage>(placedPages.Count);
        for (var p = 0; p < placedPages.Count; p++)
        {
            var pageContext = new PageContext(p + 1, placedPages.Count);
            var commands = new List<DrawCommand>();
            var header = Decoration(spec.Header, pageContext, context, contentWidth);
            if (header is not null)
                commands.AddRange(header.Commands.Select(c => c.Offset(m.Left, m.Top).Retag(null)));

            var top = Body(p + 1).Top;
            foreach (var (strip, y) in placedPages[p])
                commands.AddRange(Strip.OffsetAll(strip.Commands, m.Left, top + y));

            var footer = Decoration(spec.Footer, pageContext, context, contentWidth);
            if (footer is not null)
            {
                var footerTop = page.Height - m.Bottom - footer.Height;
                commands.AddRange(footer.Commands.Select(c => c.Offset(m.Left, footerTop).Retag(null)));
            }

            pages.Add(new LaidOutPage(p + 1, commands));
        }

        return new LaidOutDocument(page, pages);
    }

    private static Strip? Decoration(Func<PageContext, Block?>? build, PageContext page, LayoutContext context, double width)
    {
        var block = build?.Invoke(page);
        return block?.LayoutAsOne(context, width, null);
    }

    /// <summary>
    /// Places strips on pages. Returns, per page, the strips with their y inside the page's body area.
    /// <paramref name="bodyHeight"/> gives the height available for content on page n (1-based).
    /// </summary>
    internal static List<List<(Strip Strip, double Y)>> BreakIntoPages(IReadOnlyList<Strip> strips, Func<int, double> bodyHeight)
    {
        var pages = new List<List<(Strip, double)>>();
        var i = 0;
        while (i < strips.Count)
        {
            var placed = new List<(Strip Strip, double Y)>();
            var available = bodyHeight(pages.Count + 1);
            double y = 0;

            // A table continuing from the previous page gets its header row again.
            if (pages.Count > 0 && strips[i].RepeatAtPageTop is { } repeat)
            {
                foreach (var h in repeat)
                {
                    placed.Add((h, y));
                    y += h.Height;
                }
            }

            var repeatedCount = placed.Count;
            var first = i;
            while (i < strips.Count)
            {
                var strip = strips[i];
                var space = placed.Count == 0 ? 0 : strip.SpaceBefore;
                if (y + space + strip.Height <= available + Epsilon || i == first)
                {
                    // The first strip of a page always goes on it, even when taller than the page.
                    placed.Add((strip, y + space));
                    y += space + strip.Height;
                    i++;
                    continue;
                }

                // Break before strip b, first <= b-1: choose the cheapest boundary, the latest among equals.
                var best = i;
                var bestCost = strips[i - 1].GlueToNext.Cost;
                for (var b = i - 1; b > first && bestCost > 0; b--)
                {
                    var cost = strips[b - 1].GlueToNext.Cost;
                    if (cost < bestCost)
                    {
                        best = b;
                        bestCost = cost;
                    }
                }

                placed.RemoveRange(repeatedCount + (best - first), i - best);
                i = best;
                break;
            }

            pages.Add(placed);
        }

        return pages;
    }
}
