using System.Text.RegularExpressions;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Pages;

/// <summary>
/// The app links to its own pages by page name (asp-page, RedirectToPage, Url.Page), never by a written URL, so that
/// renaming or moving a page breaks a test instead of a user's link. These tests read the source of the web project.
/// </summary>
public partial class PageRoutesTests
{
    private static readonly string Web = Path.Combine(SourceTree.Root, "src", "PhysioPortal.Web");

    private static IEnumerable<string> Files(string pattern) =>
        SourceTree.Files(Web, pattern).Where(f => !SourceTree.Relative(f).Contains("/wwwroot/", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(Web, file);

    [GeneratedRegex("""href="/(?!/)""")]
    private static partial Regex WrittenHref();

    [GeneratedRegex("""Redirect(Result)?\(\$?"/""")]
    private static partial Regex WrittenRedirect();

    [Fact]
    public void No_page_links_to_the_app_by_a_written_url()
    {
        var found = new List<string>();
        foreach (var file in Files("*.cshtml"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (WrittenHref().IsMatch(lines[i])) found.Add($"{Relative(file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, "Write asp-page (and asp-route-*) instead of href=\"/...\":\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_page_model_redirects_to_a_written_url()
    {
        var found = new List<string>();
        foreach (var file in Files("*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (WrittenRedirect().IsMatch(lines[i])) found.Add($"{Relative(file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, "Write RedirectToPage(\"/Folder/Page\", new { ... }) instead of Redirect(\"/...\"):\n" + string.Join("\n", found));
    }

    // A tag's asp-page and, if present, its asp-area.
    [GeneratedRegex("""<(?:a|form)\b[^>]*?\basp-page="(?<page>[^"]*)"[^>]*>""", RegexOptions.Singleline)]
    private static partial Regex TagWithPage();

    [GeneratedRegex(@"\basp-area=""(?<area>[^""]*)""")]
    private static partial Regex AreaAttribute();

    // RedirectToPage("/X"...), RedirectToPageResult("/X"...), Url.Page("/X"...), with area = "..." on the same line.
    [GeneratedRegex("""(?:RedirectToPage(?:Result)?|Url\.Page)\("(?<page>[^"]+)"(?<rest>[^;]*)""")]
    private static partial Regex PageCall();

    [GeneratedRegex(@"\barea = ""(?<area>[^""]*)""")]
    private static partial Regex AreaValue();

    [Fact]
    public void Every_page_name_in_a_link_or_redirect_is_a_page_that_exists()
    {
        var names = new List<(string File, string Area, string Page)>();
        foreach (var file in Files("*.cshtml"))
        {
            foreach (Match tag in TagWithPage().Matches(File.ReadAllText(file)))
            {
                var area = AreaAttribute().Match(tag.Value);
                names.Add((file, area.Success ? area.Groups["area"].Value : AmbientArea(file), tag.Groups["page"].Value));
            }
        }
        foreach (var file in Files("*.cs"))
        {
            foreach (Match call in PageCall().Matches(File.ReadAllText(file)))
            {
                var area = AreaValue().Match(call.Groups["rest"].Value);
                names.Add((file, area.Success ? area.Groups["area"].Value : AmbientArea(file), call.Groups["page"].Value));
            }
        }

        var missing = names.Where(n => !File.Exists(PageFile(n.File, n.Area, n.Page)))
            .Select(n => $"{Relative(n.File)}: {(n.Area.Length > 0 ? n.Area + ":" : "")}{n.Page}")
            .ToList();
        Assert.True(missing.Count == 0, "Links or redirects to pages that do not exist:\n" + string.Join("\n", missing));
        Assert.True(names.Count >= 80, $"Only {names.Count} page names found: the scan did not read the pages");
    }

    /// <summary>Pages under Areas/X link within area X unless they name another.</summary>
    private static string AmbientArea(string file)
    {
        var parts = Relative(file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 2 && parts[0] == "Areas" ? parts[1] : "";
    }

    private static string PageFile(string from, string area, string page)
    {
        var root = area.Length == 0 ? Path.Combine(Web, "Pages") : Path.Combine(Web, "Areas", area, "Pages");
        var path = page.StartsWith('/')
            ? Path.Combine(root, page.TrimStart('/'))
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, page));
        return path + ".cshtml";
    }
}
