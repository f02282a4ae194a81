using System.Text.RegularExpressions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Repository;

/// <summary>
/// The vendored front-end folder (wwwroot/lib) holds exactly the files the pages load, plus their licences: no
/// unused libraries, no source maps, nothing a page asks for that is missing.
/// </summary>
public partial class VendoredFilesTests
{
    private static readonly string Web = Path.Combine(SourceTree.Root, "src", "PhysioPortal.Web");
    private static readonly string Lib = Path.Combine(Web, "wwwroot", "lib");

    [GeneratedRegex(@"[~]?/lib/(?<path>[A-Za-z0-9._/-]+)")]
    private static partial Regex LibReference();

    private static HashSet<string> Referenced() =>
        SourceTree.Files(Web)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LibReference().Matches(File.ReadAllText(f)).Select(m => m.Groups["path"].Value))
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_vendored_file_is_loaded_by_a_page_or_is_a_licence()
    {
        var referenced = Referenced();
        var unused = Directory.EnumerateFiles(Lib, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Lib, f).Replace('\\', '/'))
            .Where(f => !referenced.Contains(f) && !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(unused.Count == 0, "Vendored but never loaded (delete them):\n" + string.Join("\n", unused));
    }

    [Fact]
    public void Every_vendored_file_a_page_loads_is_there_with_its_licence()
    {
        var referenced = Referenced();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, path =>
        {
            Assert.True(File.Exists(Path.Combine(Lib, path)), $"wwwroot/lib/{path} is loaded by a page but missing");
            var library = Path.Combine(Lib, path.Split('/')[0]);
            Assert.True(Directory.EnumerateFiles(library, "LICENSE*").Any(), $"{library} has no licence file");
        });
    }
}
