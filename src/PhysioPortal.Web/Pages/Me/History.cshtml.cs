using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>Sessions and pain over time: a chart drawn on the server as SVG, with the same data as a table.</summary>
public class HistoryModel(PortalDbContext db) : PatientPage
{
    public IReadOnlyList<SessionLog> Logs { get; private set; } = [];
    public string ChartSvg { get; private set; } = "";
    public PainTrend Trend { get; private set; } = new(null, null);

    public async Task OnGetAsync()
    {
        Logs = await db.SessionLogs.AsNoTracking().Where(l => l.PatientId == PatientId)
            .OrderByDescending(l => l.LocalDate).ThenByDescending(l => l.Session).Take(120).ToListAsync();
        var chronological = Logs.Reverse().ToList();
        Trend = AdherenceCalculator.Pain(chronological.Select(l => new LoggedSession(l.LocalDate, l.Session, l.PainBefore, l.PainAfter)));
        ChartSvg = PainChart(chronological);
    }

    /// <summary>Pain before (teal) and after (amber) per session; decorative for screen readers, which get the table.</summary>
    private static string PainChart(IReadOnlyList<SessionLog> logs)
    {
        const int width = 640, height = 220, left = 36, right = 12, top = 12, bottom = 28;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"history-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">");
        for (var p = 0; p <= 10; p += 5)
        {
            var y = top + plotH - p * plotH / 10.0;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#dde5e3\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 4:0.#}\" font-size=\"12\" text-anchor=\"end\" fill=\"#52606d\">{p}</text>");
        }
        if (logs.Count > 0)
        {
            double X(int i) => left + (logs.Count == 1 ? plotW / 2.0 : i * plotW / (double)(logs.Count - 1));
            double Y(int pain) => top + plotH - pain * plotH / 10.0;
            foreach (var (pick, colour) in new (Func<SessionLog, int?>, string)[] { (l => l.PainBefore, "#0f766e"), (l => l.PainAfter, "#b45309") })
            {
                var points = logs.Select((l, i) => (i, pain: pick(l))).Where(x => x.pain is not null)
                    .Select(x => string.Create(CultureInfo.InvariantCulture, $"{X(x.i):0.#},{Y(x.pain!.Value):0.#}")).ToList();
                if (points.Count > 1) sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{string.Join(' ', points)}\"/>");
                foreach (var pt in points)
                {
                    var xy = pt.Split(',');
                    sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3.5\" fill=\"{colour}\"/>");
                }
            }
            foreach (var (date, x, anchor) in DateTicks(logs.Select((l, i) => (l.LocalDate, X(i))).ToList(), left, width - right))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"date-tick\" x=\"{x:0.#}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"{anchor}\" fill=\"#52606d\">{date.ToString("d MMM", CultureInfo.InvariantCulture)}</text>");
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>
    /// Labels for the date axis: each a different date (sessions of one day share one label, under their middle), at
    /// most about one per 90 px, always the first and the last date.
    /// </summary>
    public static IEnumerable<(DateOnly Date, double X, string Anchor)> DateTicks(IReadOnlyList<(DateOnly Date, double X)> points, double minX, double maxX)
    {
        var days = points.GroupBy(p => p.Date).Select(g => (Date: g.Key, X: g.Average(p => p.X))).OrderBy(d => d.Date).ToList();
        if (days.Count == 0) yield break;
        if (days.Count == 1)
        {
            yield return (days[0].Date, days[0].X, "middle");
            yield break;
        }
        const double spacing = 90;
        var picked = new List<(DateOnly Date, double X)> { days[0] };
        foreach (var d in days.Skip(1).SkipLast(1))
        {
            if (d.X - picked[^1].X >= spacing && days[^1].X - d.X >= spacing) picked.Add(d);
        }
        picked.Add(days[^1]);
        for (var i = 0; i < picked.Count; i++)
        {
            var (date, x) = picked[i];
            var anchor = i == 0 && x - minX < 40 ? "start" : i == picked.Count - 1 && maxX - x < 40 ? "end" : "middle";
            yield return (date, x, anchor);
        }
    }
}
