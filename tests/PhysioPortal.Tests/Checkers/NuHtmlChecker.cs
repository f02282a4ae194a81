using System.Text.Json;

namespace PhysioPortal.Tests.Checkers;

/// <summary>
/// The Nu HTML checker (vnu.jar from npm's vnu-jar, the checker behind validator.w3.org/nu), run once over a batch of
/// documents: one Java start for all of them. Returns every error, named by the document it is in.
/// </summary>
public static class NuHtmlChecker
{
    public sealed record Document(string Name, string Html);

    public static IReadOnlyList<string> Errors(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0) return [];
        var jar = CheckerTool.NpmFile(Path.Combine("vnu-jar", "build", "dist", "vnu.jar"));
        var dir = Directory.CreateTempSubdirectory("vnu-");
        try
        {
            var names = new Dictionary<string, string>();
            for (var i = 0; i < documents.Count; i++)
            {
                var file = Path.Combine(dir.FullName, $"{i:D3}.html");
                File.WriteAllText(file, documents[i].Html);
                names[$"{i:D3}.html"] = documents[i].Name;
            }
            // -XX:TieredStopAtLevel=1: a quick start matters more than peak speed for a few pages.
            var r = CheckerTool.Run("java", ["-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", jar, "--format", "json", "--errors-only", "--exit-zero-always",
                .. names.Keys.Order().Select(n => Path.Combine(dir.FullName, n))]);
            var json = r.Errors.TrimStart().StartsWith('{') ? r.Errors : r.Output;
            Assert.True(json.TrimStart().StartsWith('{'), $"The Nu HTML checker gave no report (exit {r.ExitCode}): {r.Errors}{r.Output}");
            using var report = JsonDocument.Parse(json);
            var errors = new List<string>();
            foreach (var m in report.RootElement.GetProperty("messages").EnumerateArray())
            {
                var type = m.GetProperty("type").GetString();
                if (type is not ("error" or "non-document-error")) continue;
                var url = m.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
                var name = names.GetValueOrDefault(Path.GetFileName(url), url);
                var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                var extract = m.TryGetProperty("extract", out var e) ? e.GetString()?.ReplaceLineEndings(" ") : null;
                errors.Add($"- [html] {name} line {line}: {m.GetProperty("message").GetString()}{(extract is null ? "" : $"  «{extract}»")}");
            }
            return errors;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
