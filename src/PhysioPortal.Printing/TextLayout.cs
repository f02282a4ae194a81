using System.Text;

namespace PhysioPortal.Core.Handouts.Composition;

/// <summary>A piece of one line of text in one style, positioned from the line's left edge.</summary>
internal sealed record LineFragment(double X, string Text, TextStyle Style, double Width, string? Url);

/// <summary>One laid out line: fragments, total width, height and the baseline's distance from the line's top.</summary>
internal sealed record TextLine(IReadOnlyList<LineFragment> Fragments, double Width, double Height, double Baseline);

/// <summary>
/// Greedy word wrap over styled runs: spaces collapse, "\n" breaks the line, a line may also break after a hyphen
/// or a slash inside a word, and a word wider than the line is broken between characters.
/// </summary>
internal static class TextLayout
{
    private const double Epsilon = 0.001;

    public static List<TextLine> Wrap(
        IReadOnlyList<TextRun> runs, double maxWidth, TextStyle defaultStyle, TextAlign align, ITextMeasurer measurer)
    {
        var lines = new List<TextLine>();
        var builder = new LineBuilder(measurer, defaultStyle, align, maxWidth, lines);
        var word = new List<(string Text, TextStyle Style, string? Url)>();
        var wordText = new StringBuilder();
        TextStyle? wordStyle = null;
        string? wordUrl = null;
        TextRun? pendingSpace = null;
        var breakAfter = false;

        void EndPiece()
        {
            if (wordText.Length == 0)
                return;
            word.Add((wordText.ToString(), wordStyle!, wordUrl));
            wordText.Clear();
        }

        void EndWord()
        {
            breakAfter = false;
            EndPiece();
            if (word.Count == 0)
                return;
            builder.AddWord(word, builder.IsEmpty ? null : pendingSpace);
            word.Clear();
            pendingSpace = null;
        }

        foreach (var run in runs)
        {
            if (string.IsNullOrEmpty(run.Text))
                continue;
            foreach (var ch in run.Text)
            {
                switch (ch)
                {
                    case '\r':
                        continue;
                    case '\n':
                        EndWord();
                        builder.FinishLine(force: true);
                        pendingSpace = null;
                        continue;
                    case ' ' or '\t':
                        EndWord();
                        pendingSpace ??= run;
                        continue;
                }

                // A line may break after a hyphen or a slash inside a word ("well-|known", "example.org/|log").
                if (breakAfter)
                    EndWord();
                if (wordText.Length > 0 && (wordStyle != run.Style || wordUrl != run.Url))
                    EndPiece();
                wordStyle = run.Style;
                wordUrl = run.Url;
                wordText.Append(ch);
                breakAfter = ch is '-' or '/' && (word.Count > 0 || wordText.Length > 1);
            }
        }

        EndWord();
        builder.FinishLine(force: false);
        return lines;
    }

    private sealed class LineBuilder(
        ITextMeasurer measurer, TextStyle defaultStyle, TextAlign align, double maxWidth, List<TextLine> output)
    {
        private readonly List<(StringBuilder Text, TextStyle Style, string? Url, double Width)> _pieces = [];
        private double _width;

        public bool IsEmpty => _pieces.Count == 0;

        public void AddWord(List<(string Text, TextStyle Style, string? Url)> word, TextRun? spaceBefore)
        {
            var wordWidth = 0.0;
            foreach (var p in word)
                wordWidth += measurer.MeasureWidth(p.Text, p.Style);
            var spaceWidth = spaceBefore is null ? 0 : measurer.MeasureWidth(" ", spaceBefore.Style);

            if (!IsEmpty && _width + spaceWidth + wordWidth > maxWidth + Epsilon)
            {
                FinishLine(force: false);
                spaceBefore = null;
                spaceWidth = 0;
            }

            if (spaceBefore is not null)
                Append(" ", spaceBefore.Style, spaceBefore.Url, spaceWidth);

            if (_width + wordWidth <= maxWidth + Epsilon)
            {
                foreach (var p in word)
                    Append(p.Text, p.Style, p.Url, measurer.MeasureWidth(p.Text, p.Style));
                return;
            }

            // A word wider than a whole line: break it between characters (never inside a surrogate pair).
            foreach (var p in word)
            {
                for (var i = 0; i < p.Text.Length;)
                {
                    var length = char.IsHighSurrogate(p.Text[i]) && i + 1 < p.Text.Length ? 2 : 1;
                    var ch = p.Text.Substring(i, length);
                    var w = measurer.MeasureWidth(ch, p.Style);
                    if (!IsEmpty && _width + w > maxWidth + Epsilon)
                        FinishLine(force: false);
                    Append(ch, p.Style, p.Url, w);
                    i += length;
                }
            }
        }

        private void Append(string text, TextStyle style, string? url, double width)
        {
            if (_pieces.Count > 0)
            {
                var last = _pieces[^1];
                if (last.Style == style && last.Url == url)
                {
                    last.Text.Append(text);
                    _pieces[^1] = (last.Text, style, url, last.Width + width);
                    _width += width;
                    return;
                }
            }

            _pieces.Add((new StringBuilder(text), style, url, width));
            _width += width;
        }

        /// <summary>Ends the current line; an empty line is kept only when forced (an explicit line break).</summary>
        public void FinishLine(bool force)
        {
            if (IsEmpty && !force)
                return;

            double ascent = 0, descent = 0, height = 0;
            if (IsEmpty)
            {
                var m = measurer.GetMetrics(defaultStyle);
                (ascent, descent, height) = (m.Ascent, m.Descent, defaultStyle.Size * defaultStyle.LineHeight);
            }

            foreach (var p in _pieces)
            {
                var m = measurer.GetMetrics(p.Style);
                ascent = Math.Max(ascent, m.Ascent);
                descent = Math.Max(descent, m.Descent);
                height = Math.Max(height, p.Style.Size * p.Style.LineHeight);
            }

            height = Math.Max(height, ascent + descent);
            var baseline = (height - (ascent + descent)) / 2 + ascent;
            var x = align switch
            {
                TextAlign.Center => Math.Max(0, (maxWidth - _width) / 2),
                TextAlign.Right => Math.Max(0, maxWidth - _width),
                _ => 0,
            };

            var fragments = new List<LineFragment>(_pieces.Count);
            foreach (var p in _pieces)
            {
                fragments.Add(new LineFragment(x, p.Text.ToString(), p.Style, p.Width, p.Url));
                x += p.Width;
            }

            output.Add(new TextLine(fragments, _width, height, baseline));
            _pieces.Clear();
            _width = 0;
        }
    }

    /// <summary>
    /// Glues the lines of one paragraph so that at least <paramref name="minLines"/> stay together at the bottom
    /// (orphans) and at the top (widows) of a page; or all of them, when <paramref name="keepAll"/>.
    /// </summary>
    public static void GlueLines(List<Strip> strips, int start, int count, int minLines, bool keepAll)
    {
        for (var i = 0; i < count - 1; i++)
        {
            var linesAbove = i + 1;
            var linesBelow = count - linesAbove;
            if (keepAll || linesAbove < minLines || linesBelow < minLines)
                strips[start + i].GlueToNext = strips[start + i].GlueToNext.WithWeak();
        }
    }
}
