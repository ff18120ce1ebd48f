using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Sources;

public sealed partial class RepoFileSystem
{
    /// <summary>
    /// Walks every component from the root down to <paramref name="full"/> and refuses any symlink whose final target
    /// is outside the root. Links that stay inside are followed, as git checkouts of real repos contain them.
    /// </summary>
    private void CheckSymlinks(string full, string written, SourceLocation at)
    {
        var relative = Path.GetRelativePath(_root, full);
        if (relative == ".")
        {
            return;
        }
        var current = _root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !IsUnderRoot(RealPath(target.FullName)))
            {
                throw Refuse(at, "PathOutsideRepo", $"path '{written}' goes through symlink '{Relative(current)}' that leads outside the fleet repo");
            }
        }
    }

    /// <summary>The path with every symlink in it resolved (the target need not exist).</summary>
    private static string RealPath(string full)
    {
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(full) ?? "/";
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = RealPath(target.FullName);
            }
        }
        return current;
    }
}
