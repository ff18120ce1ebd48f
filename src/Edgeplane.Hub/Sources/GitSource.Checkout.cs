using LibGit2Sharp;

namespace Edgeplane.Hub.Sources;

internal sealed partial class GitSource
{
    /// <summary>The tree <see cref="WorkTree"/> holds exactly; null when unknown (first use, or a write failed half-way).</summary>
    private ObjectId? _checkedOut;

    /// <summary>The one folder the compiler reads: the tree of the last commit checked out (<c>checkout</c> in the data folder).</summary>
    public string WorkTree => Path.Combine(options.DataDirectory, "checkout");

    /// <summary>
    /// The id of the tree <see cref="WorkTree"/> holds, written after a checkout completed and deleted before the folder
    /// is touched, so a hub restarted on the same data folder continues incrementally and a crash mid-write does not.
    /// </summary>
    private string Marker => Path.Combine(options.DataDirectory, "checkout.tree");

    /// <summary>
    /// Makes <see cref="WorkTree"/> hold the tree of <paramref name="sha"/> and returns its path. The whole tree is checked
    /// by <see cref="CheckoutInspector"/> first (names, symlink targets, <see cref="HubLimits"/>), so nothing is written for a
    /// commit that breaks a rule. When the folder holds a
    /// known earlier tree (also one left by an earlier hub process on this data folder), only the difference is written
    /// (a commit that changes one file writes one file); otherwise the folder is emptied and the whole tree written.
    /// Symlinks are written as symlinks so the fleet loader's sandbox sees and judges them; submodules are skipped.
    /// Not for concurrent use: the revision processor is its one caller.
    /// </summary>
    public async Task<string> CheckoutAsync(string sha, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => Checkout(sha, cancellationToken), cancellationToken).ConfigureAwait(false);
            return WorkTree;
        }
        catch (LibGit2SharpException error)
        {
            throw new GitSourceException($"commit {sha} cannot be read from the local mirror: {error.Message}", error);
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Checkout(string sha, CancellationToken cancellationToken)
    {
        var repo = Open();
        var tree = (repo.Lookup<Commit>(sha) ?? throw new GitSourceException($"commit {sha} is not in the local mirror")).Tree;
        new CheckoutInspector(options.Limits, WorkTree).Inspect(tree, cancellationToken);
        var previous = (_checkedOut ?? Recorded()) is { } id ? repo.Lookup<Tree>(id) : null;
        if (previous?.Id == tree.Id)
        {
            _checkedOut = tree.Id;
            return;
        }
        _checkedOut = null;
        File.Delete(Marker);
        if (previous is null)
        {
            if (Directory.Exists(WorkTree))
            {
                Directory.Delete(WorkTree, recursive: true);
            }
            Directory.CreateDirectory(WorkTree);
            WriteTree(tree, WorkTree, cancellationToken);
        }
        else
        {
            ApplyChanges(repo, repo.Diff.Compare<TreeChanges>(previous, tree), cancellationToken);
        }
        File.WriteAllText(Marker, tree.Sha);
        _checkedOut = tree.Id;
    }

    /// <summary>The tree a previous hub process left in <see cref="WorkTree"/>, if it finished writing it.</summary>
    private ObjectId? Recorded() =>
        Directory.Exists(WorkTree) && File.Exists(Marker) && ObjectId.TryParse(File.ReadAllText(Marker).Trim(), out var id) ? id : null;

    /// <summary>
    /// Writes every file and symlink of <paramref name="tree"/>. Folders are made as files are written into them, so a
    /// folder that holds only submodules is not made: the working folder never has an empty folder, incremental or not.
    /// </summary>
    private void WriteTree(Tree tree, string directory, CancellationToken cancellationToken)
    {
        var made = false;
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Within(directory, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    WriteTree((Tree)entry.Target, path, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob:
                    if (!made)
                    {
                        Directory.CreateDirectory(directory);
                        made = true;
                    }
                    WriteBlob((Blob)entry.Target, entry.Mode, path);
                    break;
            }
        }
    }

    /// <summary>
    /// Applies a tree diff to <see cref="WorkTree"/>: every removal first (pruning folders left empty, as a fresh checkout
    /// has no empty folders), then every addition and change, so a file that becomes a folder, or the reverse, works.
    /// </summary>
    private void ApplyChanges(Repository repo, TreeChanges changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (change.Status is ChangeKind.Deleted or ChangeKind.Renamed or ChangeKind.TypeChanged)
            {
                var path = Within(WorkTree, change.OldPath);
                if (change.OldMode != Mode.GitLink)
                {
                    DeletePath(path);
                }
                PruneEmptyParents(path);
            }
        }
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (change.Status is ChangeKind.Added or ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged
                && change.Mode is not Mode.GitLink and not Mode.Nonexistent)
            {
                var path = Within(WorkTree, change.Path);
                DeletePath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                WriteBlob(repo.Lookup<Blob>(change.Oid), change.Mode, path);
            }
        }
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="directory"/>, which must lie strictly inside
    /// <see cref="WorkTree"/>: a second line of defence behind <see cref="CheckoutInspector"/>, which refuses such trees first.
    /// </summary>
    private string Within(string directory, string relative)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(WorkTree)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(directory, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full
            : throw new GitSourceException($"refusing to write '{GitPathRules.Printable(relative)}': it resolves outside the working folder", relative);
    }

    private static void WriteBlob(Blob blob, Mode mode, string path)
    {
        if (mode == Mode.SymbolicLink)
        {
            File.CreateSymbolicLink(path, blob.GetContentText());
            return;
        }
        using var source = blob.GetContentStream();
        using var target = File.Create(path);
        source.CopyTo(target);
    }

    /// <summary>Removes a file, a symlink (never what it points to) or a folder, if there is one at <paramref name="path"/>.</summary>
    private static void DeletePath(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private void PruneEmptyParents(string path)
    {
        var root = Path.TrimEndingDirectorySeparator(WorkTree);
        for (var parent = Path.GetDirectoryName(path); parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
        {
            if (!Directory.Exists(parent) || Directory.EnumerateFileSystemEntries(parent).Any())
            {
                return;
            }
            Directory.Delete(parent);
        }
    }
}
