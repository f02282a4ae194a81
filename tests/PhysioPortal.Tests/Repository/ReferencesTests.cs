using System.Text.RegularExpressions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Repository;

/// <summary>
/// What the repository says it must say on its own: comments and scripts cite the README or docs/decisions, never a
/// document outside the repository or a path of one machine, and every decision record they cite exists.
/// </summary>
public partial class ReferencesTests
{
    private static readonly string[] TextExtensions =
        [".cs", ".cshtml", ".md", ".sh", ".json", ".props", ".csproj", ".sln", ".yml", ".sql", ".js", ".css", ".editorconfig", ""];

    // Our own files: the vendored front-end libraries are not ours to edit.
    private static IEnumerable<string> OwnTextFiles() =>
        SourceTree.Files(SourceTree.Root)
            .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) || Path.GetFileName(f) == "Dockerfile")
            .Where(f => !SourceTree.Relative(f).Contains("/wwwroot/lib/", StringComparison.Ordinal))
            .Where(f => new FileInfo(f).Length < 2_000_000);

    // Written in two parts so that this file does not match itself.
    private static readonly string[] Outside =
    [
        "DESIGN" + ".md", "MACHINE" + "-NOTES", "shared" + "/seed", "/work" + "/", "/root" + "/", "/home" + "/",
    ];

    [Fact]
    public void No_file_cites_a_document_outside_the_repository_or_a_path_of_this_machine()
    {
        var found = new List<string>();
        foreach (var file in OwnTextFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var bad in Outside.Where(b => lines[i].Contains(b, StringComparison.Ordinal)))
                {
                    found.Add($"{SourceTree.Relative(file)}:{i + 1}: {bad}");
                }
            }
        }
        Assert.True(found.Count == 0, "Cite the README or docs/decisions instead:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"docs/decisions/[0-9]{4}-[a-z0-9-]+\.md")]
    private static partial Regex DecisionPath();

    [Fact]
    public void Every_decision_record_cited_exists()
    {
        var cited = OwnTextFiles()
            .SelectMany(f => DecisionPath().Matches(File.ReadAllText(f)).Select(m => (File: f, Path: m.Value)))
            .ToList();
        var missing = cited.Where(c => !File.Exists(Path.Combine(SourceTree.Root, c.Path)))
            .Select(c => $"{SourceTree.Relative(c.File)}: {c.Path}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Cited decision records that do not exist:\n" + string.Join("\n", missing));
        Assert.True(cited.Count >= 5, $"Only {cited.Count} citations of docs/decisions found: the scan did not read the code");
    }

    [Fact]
    public void Every_decision_record_has_a_context_a_decision_and_consequences()
    {
        var records = Directory.GetFiles(Path.Combine(SourceTree.Root, "docs", "decisions"), "*.md");
        Assert.NotEmpty(records);
        Assert.All(records, record =>
        {
            Assert.Matches(DecisionPath(), "docs/decisions/" + Path.GetFileName(record));
            var text = File.ReadAllText(record);
            Assert.StartsWith("# ", text, StringComparison.Ordinal);
            foreach (var section in new[] { "## Context", "## Decision", "## Consequences" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }
        });
    }
}
