namespace PhysioPortal.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests that read the source itself.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    private static readonly string[] SkippedFolders = [".git", ".data", "bin", "obj", "node_modules", "TestResults"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhysioPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PhysioPortal.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Files under <paramref name="folder"/> matching <paramref name="pattern"/>, without build output.</summary>
    public static IEnumerable<string> Files(string folder, string pattern = "*")
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase)) pending.Push(sub);
            }
            foreach (var file in Directory.EnumerateFiles(dir, pattern))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase)) yield return file; // a worktree's .git file
            }
        }
    }

    public static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');
}
