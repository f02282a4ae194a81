using System.Globalization;
using System.Net;
using System.Text;

namespace PhysioPortal.Core.Outcomes;

/// <summary>One measure's scores from baseline, with the band of the minimal important change around the baseline.</summary>
public sealed record OutcomeSeries(MeasureInfo Measure, IReadOnlyList<(DateOnly Date, decimal Score)> Points)
{
    public decimal? Baseline => Measure.Measure == OutcomeMeasure.GlobalChange ? 0 : Points.Count > 0 ? Points[0].Score : null;
    public decimal? Latest => Points.Count > 0 ? Points[^1].Score : null;
    public OutcomeVerdict? Verdict => Points.Count < (Measure.Measure == OutcomeMeasure.GlobalChange ? 1 : 2) ? null : OutcomeRules.Verdict(Measure, Baseline, Latest);
    public string VerdictText => OutcomeRules.Text(Verdict);

    /// <summary>
    /// A server-side SVG: the scores as a line, the baseline dashed, and the minimal important change either side of it
    /// shaded. Decorative for screen readers (the page gives the numbers and the verdict in words).
    /// </summary>
    public string Svg()
    {
        const int width = 480, height = 180, left = 40, right = 12, top = 12, bottom = 26;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var (min, max) = ((double)Measure.Min, (double)Measure.Max);
        double Y(decimal v) => top + plotH - ((double)v - min) * plotH / (max - min);
        double X(int i) => left + (Points.Count == 1 ? plotW / 2.0 : i * plotW / (double)(Points.Count - 1));
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"<svg class=\"outcome-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">");
        foreach (var v in new[] { Measure.Min, (Measure.Min + Measure.Max) / 2, Measure.Max })
        {
            sb.Append(c, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#dde5e3\"/>");
            sb.Append(c, $"<text x=\"{left - 6}\" y=\"{Y(v) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#52606d\">{v:0.#}</text>");
        }
        if (Baseline is { } b && Measure.Mic is { } mic)
        {
            var hi = Math.Min(Measure.Max, b + mic);
            var lo = Math.Max(Measure.Min, b - mic);
            sb.Append(c, $"<rect class=\"mic-band\" x=\"{left}\" y=\"{Y(hi):0.#}\" width=\"{plotW}\" height=\"{Y(lo) - Y(hi):0.#}\" fill=\"#e6f4f1\"/>");
            sb.Append(c, $"<line class=\"baseline\" x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(b):0.#}\" y2=\"{Y(b):0.#}\" stroke=\"#0f766e\" stroke-dasharray=\"4 3\"/>");
        }
        if (Points.Count > 0)
        {
            var pts = Points.Select((p, i) => string.Create(c, $"{X(i):0.#},{Y(p.Score):0.#}")).ToList();
            if (pts.Count > 1) sb.Append(c, $"<polyline fill=\"none\" stroke=\"#115e59\" stroke-width=\"2.5\" points=\"{string.Join(' ', pts)}\"/>");
            foreach (var pt in pts)
            {
                var xy = pt.Split(',');
                sb.Append(c, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"4\" fill=\"#115e59\"/>");
            }
            sb.Append(c, $"<text x=\"{left}\" y=\"{height - 8}\" font-size=\"11\" fill=\"#52606d\">{WebUtility.HtmlEncode(Points[0].Date.ToString("d MMM", c))}</text>");
            sb.Append(c, $"<text x=\"{width - right}\" y=\"{height - 8}\" font-size=\"11\" text-anchor=\"end\" fill=\"#52606d\">{WebUtility.HtmlEncode(Points[^1].Date.ToString("d MMM", c))}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
