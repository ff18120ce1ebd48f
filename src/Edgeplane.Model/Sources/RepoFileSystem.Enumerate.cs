using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Sources;

public sealed partial class RepoFileSystem
{
    /// <summary>
    /// Lists YAML files (<c>.yaml</c>, <c>.yml</c>) under a repo-relative directory, recursively, sorted ordinally,
    /// skipping dot-directories such as <c>.git</c>. Symlinks that leave the repo are refused.
    /// </summary>
    public IReadOnlyList<string> EnumerateYamlFiles(string relativeDirectory = "")
    {
        var found = new List<string>();
        Walk(Full(relativeDirectory), depth: 0, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private void Walk(string directory, int depth, List<string> found)
    {
        if (depth > Limits.MaxDirectoryDepth)
        {
            throw Refuse(SourceLocation.FileOnly(Relative(directory)), "LimitExceeded",
                $"directories nest deeper than {Limits.MaxDirectoryDepth} levels (MaxDirectoryDepth)");
        }
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }
            var relative = Relative(entry.FullName);
            CheckSymlinks(entry.FullName, relative, SourceLocation.FileOnly(relative));
            if (Directory.Exists(entry.FullName))
            {
                if (entry.LinkTarget is not null)
                {
                    continue; // a linked directory is listed where it really is; following it could loop
                }
                Walk(entry.FullName, depth + 1, found);
            }
            else if (entry.Extension is ".yaml" or ".yml")
            {
                found.Add(relative);
            }
        }
    }
}
