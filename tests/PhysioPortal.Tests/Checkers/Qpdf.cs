namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// qpdf's structural check of a PDF (cross-reference table, object and stream syntax, page tree, fonts). A PDF that
/// passes with warnings opens in most readers but not in all; so a warning fails as an error does.
/// </summary>
public static class Qpdf
{
    public static void AssertValid(byte[] pdf, string what = "the handout")
    {
        var file = Path.Combine(Path.GetTempPath(), $"qpdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var r = CheckerTool.Run("qpdf", ["--check", file]);
            var report = (r.Output + r.Errors).Replace(file, "PDF", StringComparison.Ordinal);
            // qpdf exits 0 when clean, 3 on warnings, 2 on errors.
            Assert.True(r.ExitCode == 0 && !report.Contains("WARNING", StringComparison.OrdinalIgnoreCase),
                $"qpdf --check on {what} (exit {r.ExitCode}):\n{report}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
