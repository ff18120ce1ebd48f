using Edgeplane.Model.Sources;
using LibGit2Sharp;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// The base of <c>edgeplane diff --against REV</c>: the fleet directory as it was at a Git revision of the repo that
/// holds it, written into a temporary directory (deleted on dispose) so the loader reads it like any checkout.
/// Symlinks are written as symlinks, so the loader's sandbox judges them as it judges the working tree; submodules are
/// skipped. The tree is bounded by <see cref="LoadLimits.MaxFiles"/> and <see cref="LoadLimits.MaxTotalBytes"/>.
/// </summary>
internal sealed class GitBase : IDisposable
{
    private GitBase(string directory, string revision, string sha, string relativePath, bool exists)
    {
        Directory = directory;
        Revision = revision;
        Sha = sha;
        RelativePath = relativePath;
        Exists = exists;
    }

    /// <summary>The temporary directory holding the fleet at the revision.</summary>
    public string Directory { get; }

    /// <summary>The revision as the user gave it (<c>HEAD</c>, <c>main~2</c>, a sha).</summary>
    public string Revision { get; }

    /// <summary>The commit it names.</summary>
    public string Sha { get; }

    /// <summary>The fleet directory relative to the work tree's root (<c>.</c> for the root), with <c>/</c>.</summary>
    public string RelativePath { get; }

    /// <summary>False when the fleet directory did not exist at the revision (the base is then an empty fleet).</summary>
    public bool Exists { get; }

    /// <summary>True when <paramref name="directory"/> lies in a Git work tree.</summary>
    public static bool InRepository(string directory) => Repository.Discover(Path.GetFullPath(directory)) is not null;

    /// <summary>Writes <paramref name="fleetDirectory"/> as it was at <paramref name="revision"/>; throws <see cref="DiffInputException"/> naming what is wrong.</summary>
    public static GitBase Export(string fleetDirectory, string revision, LoadLimits limits)
    {
        var full = Path.GetFullPath(fleetDirectory);
        var gitDir = Repository.Discover(full)
            ?? throw new DiffInputException($"{fleetDirectory} is not in a Git work tree, so there is no revision '{revision}' to compare with; give --hub URL to compare with a hub");
        try
        {
            using var repo = new Repository(gitDir);
            var root = repo.Info.WorkingDirectory
                ?? throw new DiffInputException($"the Git repository at {gitDir} has no work tree");
            var commit = Resolve(repo, revision, root);
            var relative = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
            var target = Path.Combine(Path.GetTempPath(), $"edgeplane-diff-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(target);
            var entry = relative == "." ? null : commit[relative];
            var tree = relative == "." ? commit.Tree : entry?.TargetType == TreeEntryTargetType.Tree ? (Tree)entry.Target : null;
            var based = new GitBase(target, revision, commit.Sha, relative, tree is not null);
            try
            {
                if (tree is not null)
                {
                    new TreeWriter(target, limits, $"{revision}:{relative}").Write(tree, target);
                }
                return based;
            }
            catch
            {
                based.Dispose();
                throw;
            }
        }
        catch (LibGit2SharpException error)
        {
            throw new DiffInputException($"cannot read revision '{revision}' of the Git repository at {gitDir}: {error.Message}");
        }
    }

    private static Commit Resolve(Repository repo, string revision, string root)
    {
        Commit? commit;
        try
        {
            commit = repo.Lookup<Commit>(revision);
        }
        catch (LibGit2SharpException error)
        {
            throw new DiffInputException($"revision '{revision}' does not name one commit of the Git repository at {root}: {error.Message}");
        }
        if (commit is null && revision == "HEAD" && repo.Head.Tip is null)
        {
            throw new DiffInputException($"HEAD of the Git repository at {root} has no commit yet: commit the fleet first, or give --hub URL");
        }
        return commit ?? throw new DiffInputException($"unknown revision '{revision}': the Git repository at {root} has no such commit");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // the temp folder is cleaned by the OS
        }
    }
}
