namespace Edgeplane.Cli.Shared;

/// <summary>
/// The HEAD commit of the git work tree holding a directory, read from <c>.git</c> files without a git library:
/// <c>HEAD</c>, loose refs, <c>packed-refs</c>, and <c>.git</c> files of linked work trees. Null when there is none.
/// </summary>
internal static class GitRevision
{
    public static string? Head(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            var gitDir = Directory.Exists(dotGit) ? dotGit : File.Exists(dotGit) ? LinkedGitDir(dotGit) : null;
            if (gitDir is not null)
            {
                return Resolve(gitDir);
            }
        }
        return null;
    }

    private static string? LinkedGitDir(string dotGitFile)
    {
        var line = File.ReadLines(dotGitFile).FirstOrDefault() ?? "";
        return line.StartsWith("gitdir: ", StringComparison.Ordinal)
            ? Path.GetFullPath(line[8..].Trim(), Path.GetDirectoryName(dotGitFile)!)
            : null;
    }

    private static string? Resolve(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }
        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
        {
            return IsSha(head) ? head : null;
        }
        var reference = head[5..].Trim();
        var common = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim(), gitDir)
            : gitDir;
        foreach (var dir in new[] { gitDir, common }.Distinct())
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var sha && IsSha(sha))
            {
                return sha;
            }
            var packed = Path.Combine(dir, "packed-refs");
            if (File.Exists(packed))
            {
                var match = File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference);
                if (match is not null && IsSha(match[0]))
                {
                    return match[0];
                }
            }
        }
        return null;
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(Uri.IsHexDigit);
}
