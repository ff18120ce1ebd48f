using System.Text;
using LibGit2Sharp;

namespace Edgeplane.Hub.Sources;

/// <summary>
/// Walks a whole commit tree before anything of it is written and refuses it when one entry may not be written: a name
/// Git's fsck rejects (<see cref="GitPathRules"/>), two entries with one name, a path too long for the file system, a
/// symlink whose target leaves the working folder, or more depth, entries, files, symlinks or bytes than
/// <see cref="HubLimits"/> allow. Entries are counted each time the walk meets them, so a tree that reuses one sub-tree
/// many times (a few kilobytes pushed, billions of paths) stops at <see cref="HubLimits.MaxCheckoutEntries"/>.
/// The first problem ends the walk with a <see cref="GitSourceException"/> naming the path.
/// </summary>
internal sealed class CheckoutInspector(HubLimits limits, string workTree)
{
    private readonly SymlinkTree _links = new();
    private readonly int _rootBytes = Encoding.UTF8.GetByteCount(Path.TrimEndingDirectorySeparator(Path.GetFullPath(workTree))) + 1;
    private int _entries;
    private int _files;
    private long _bytes;

    public void Inspect(Tree tree, CancellationToken cancellationToken)
    {
        Walk(tree, "", depth: 0, cancellationToken);
        if (_links.FirstProblem(cancellationToken) is var (path, problem))
        {
            throw Refused(path, $"it is a symlink with {problem}");
        }
    }

    private void Walk(Tree tree, string prefix, int depth, CancellationToken cancellationToken)
    {
        if (depth > limits.MaxCheckoutDepth)
        {
            throw new GitSourceException($"the repo nests directories deeper than {limits.MaxCheckoutDepth} levels (MaxCheckoutDepth)");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = prefix + entry.Name;
            if (++_entries > limits.MaxCheckoutEntries)
            {
                throw new GitSourceException(
                    $"the repo's tree has more than {limits.MaxCheckoutEntries} entries (MaxCheckoutEntries; files, folders, symlinks and " +
                    $"submodules, counted each time a folder is reached); stopped at {GitPathRules.Printable(path)}", path);
            }
            if (GitPathRules.NameProblem(entry.Name) is { } problem)
            {
                throw Refused(path, $"its name has {problem}");
            }
            if (!names.Add(entry.Name))
            {
                throw Refused(path, "the folder holds two entries with this name (Git fsck: duplicateEntries)");
            }
            if (_rootBytes + Encoding.UTF8.GetByteCount(path) > GitPathRules.MaxPathBytes)
            {
                throw Refused(path, $"the path in the working folder is longer than {GitPathRules.MaxPathBytes} bytes (PATH_MAX)");
            }
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Walk((Tree)entry.Target, path + "/", depth + 1, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    AddLink(path, (Blob)entry.Target);
                    break;
                case TreeEntryTargetType.Blob:
                    AddFile(path, ((Blob)entry.Target).Size);
                    break;
            }
        }
    }

    private void AddLink(string path, Blob blob)
    {
        if (blob.Size > GitPathRules.MaxLinkTargetBytes)
        {
            throw Refused(path, $"it is a symlink whose target is longer than {GitPathRules.MaxLinkTargetBytes} bytes");
        }
        if (_links.Count >= limits.MaxCheckoutSymlinks)
        {
            throw new GitSourceException($"the repo has more than {limits.MaxCheckoutSymlinks} symlinks (MaxCheckoutSymlinks); stopped at {path}", path);
        }
        AddBytes(path, blob.Size);
        _links.Add(path, blob.GetContentText());
    }

    private void AddFile(string path, long size)
    {
        if (++_files > limits.MaxCheckoutFiles)
        {
            throw new GitSourceException($"the repo has more than {limits.MaxCheckoutFiles} files (MaxCheckoutFiles); stopped at {path}");
        }
        AddBytes(path, size);
    }

    private void AddBytes(string path, long size)
    {
        if ((_bytes += size) > limits.MaxCheckoutBytes)
        {
            throw new GitSourceException($"the repo holds more than {limits.MaxCheckoutBytes} bytes (MaxCheckoutBytes); stopped at {path}");
        }
    }

    private static GitSourceException Refused(string path, string why) =>
        new($"refusing to check out the commit: the tree entry '{GitPathRules.Printable(path)}' cannot be written safely: {why}. " +
            "Nothing was written; the last good revision stays.", path);
}
