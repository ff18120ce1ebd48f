using Edgeplane.Model.Sources;
using LibGit2Sharp;

namespace Edgeplane.Cli.Diff;

/// <summary>Writes a Git tree into a directory, inside it only, counting files and bytes against the load limits.</summary>
internal sealed class TreeWriter(string root, LoadLimits limits, string describe)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    private int _files;
    private long _bytes;

    public void Write(Tree tree, string directory)
    {
        foreach (var entry in tree)
        {
            var path = Within(directory, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Directory.CreateDirectory(path);
                    Write((Tree)entry.Target, path);
                    break;
                case TreeEntryTargetType.Blob:
                    WriteBlob((Blob)entry.Target, entry.Mode, path);
                    break;
            }
        }
    }

    private void WriteBlob(Blob blob, Mode mode, string path)
    {
        if (++_files > limits.MaxFiles || (_bytes += blob.Size) > limits.MaxTotalBytes)
        {
            throw new DiffInputException(
                $"{describe} holds more than {limits.MaxFiles} files or {limits.MaxTotalBytes} bytes (LoadLimits.MaxFiles, MaxTotalBytes)");
        }
        if (mode == Mode.SymbolicLink)
        {
            File.CreateSymbolicLink(path, blob.GetContentText());
            return;
        }
        using var source = blob.GetContentStream();
        using var target = File.Create(path);
        source.CopyTo(target);
    }

    private string Within(string directory, string name)
    {
        var full = Path.GetFullPath(Path.Combine(directory, name));
        return full.StartsWith(_root, StringComparison.Ordinal) && name is not ("." or ".." or ".git")
            ? full
            : throw new DiffInputException($"{describe}: refusing to write the tree entry '{name}': it resolves outside the folder");
    }
}
