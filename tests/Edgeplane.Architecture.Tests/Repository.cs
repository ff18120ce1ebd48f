namespace Edgeplane.Architecture.Tests;

/// <summary>The repository the tests run from: its root and its source files, shared by every architecture test.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>Edgeplane.slnx</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The C# files under <paramref name="folder"/> (relative to the root), build output excluded, as root-relative
    /// paths with '/' separators and their text.
    /// </summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles(string folder) =>
        Directory.EnumerateFiles(PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(Root, f))));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Edgeplane.slnx not found above the test folder");
    }
}
