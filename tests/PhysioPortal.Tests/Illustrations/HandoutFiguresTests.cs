using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace PhysioPortal.Tests.Illustrations;

/// <summary>
/// The handout draws each built-in exercise's two frames as vectors beside its steps: read back with PdfPig, the
/// page of each exercise holds paths in the figure's colours under that exercise's heading; a clinic's own exercise
/// (no pose) holds none.
/// </summary>
public class HandoutFiguresTests
{
    private static readonly string[] Slugs =
        ["childs-pose", "cat-camel-stretch", "bird-dog", "dead-bug", "plank", "side-plank", "wall-angels", "pigeon-pose"];

    // The figure's body and far-side colours (#0F766E, #8CC7C0).
    private static readonly (double R, double G, double B)[] FigureColours = [(15 / 255.0, 118 / 255.0, 110 / 255.0), (140 / 255.0, 199 / 255.0, 192 / 255.0)];

    private static HandoutModel Model(bool withOwn) => new()
    {
        ClinicName = "Harbour Physio",
        PatientName = "Maeve Byrne",
        ClinicianName = "Dr Test",
        Date = new DateOnly(2026, 12, 2),
        RoutineTitle = "Illustrated routine",
        Exercises =
        [
            .. Slugs.Select((slug, i) =>
            {
                var seed = ExerciseLibrary.Exercises.Single(e => e.Slug == slug);
                return new HandoutExercise { Number = i + 1, Slug = slug, Name = seed.Name, Steps = seed.Steps, DosageLine = seed.Dosage.ToString() };
            }),
            .. withOwn ? [new HandoutExercise { Number = 9, Slug = "towel-squeeze", Name = "Towel Squeeze", Steps = ["Squeeze a rolled towel between the knees."] }] : Array.Empty<HandoutExercise>(),
        ],
    };

    [Fact]
    public void Every_exercise_s_page_has_its_drawing_under_its_heading()
    {
        var pdf = new HandoutDocument().Render(Model(withOwn: true));
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        var names = Model(withOwn: true).Exercises.Select(e => (e.Number, e.Name)).ToList();
        // Where each heading is: page and baseline.
        var headings = names.Select(n => (n.Number, n.Name, At: Heading(pages, n.Number, n.Name))).ToList();
        foreach (var (number, name, at) in headings)
        {
            Assert.True(at.Page >= 0, $"the heading of {name} is missing");
            var page = pages[at.Page];
            var below = headings.Where(h => h.At.Page == at.Page && h.At.Y < at.Y).Select(h => h.At.Y).DefaultIfEmpty(0).Max();
            var drawn = page.Paths.Count(p => InFigureColour(p) && p.GetBoundingRectangle() is { } r && r.Top <= at.Y && r.Bottom >= below);
            if (name == "Towel Squeeze")
                Assert.True(drawn == 0, $"{name} has no pose but {drawn} figure paths were found under it");
            else
                Assert.True(drawn >= 10, $"{name} (page {at.Page + 1}): only {drawn} figure paths under its heading");
        }
    }

    [Fact]
    public void The_illustrated_handout_stays_small_and_draws_vectors_not_pictures()
    {
        var pictured = new HandoutDocument().Render(Model(withOwn: false));
        Assert.True(pictured.Length < 150 * 1024, $"the handout is {pictured.Length / 1024} KB");
        using var document = PdfDocument.Open(pictured);
        Assert.All(document.GetPages(), p => Assert.Empty(p.GetImages()));
    }

    private static (int Page, double Y) Heading(List<Page> pages, int number, string name)
    {
        var first = name.Split(' ')[0];
        for (var i = 0; i < pages.Count; i++)
        {
            var words = pages[i].GetWords().ToList();
            for (var w = 0; w + 1 < words.Count; w++)
            {
                if (words[w].Text == $"{number}." && words[w + 1].Text == first)
                    return (i, words[w].BoundingBox.Bottom);
            }
        }

        return (-1, 0);
    }

    private static bool InFigureColour(UglyToad.PdfPig.Graphics.PdfPath path)
    {
        var colour = path.IsFilled ? path.FillColor : path.IsStroked ? path.StrokeColor : null;
        if (colour is null)
            return false;
        var (r, g, b) = colour.ToRGBValues();
        return FigureColours.Any(c => Math.Abs(c.R - r) < 0.01 && Math.Abs(c.G - g) < 0.01 && Math.Abs(c.B - b) < 0.01);
    }
}
