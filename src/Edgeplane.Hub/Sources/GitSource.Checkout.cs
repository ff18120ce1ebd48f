using LibGit2Sharp;

namespace Edgeplane.Hub.Sources;

internal sealed partial class GitSource
{
    /// <summary>
    /// Writes the tree of <paramref name="sha"/> into <paramref name="directory"/> (which must not exist), bounded by
    /// <see cref="HubLimits"/>. Symlinks are written as symlinks so the fleet loader's sandbox sees and judges them;
    /// submodules are skipped.
    /// </summary>
    public async Task CheckoutAsync(string sha, string directory, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() =>
            {
                var commit = Open().Lookup<Commit>(sha) ?? throw new GitSourceException($"commit {sha} is not in the local mirror");
                var budget = new CheckoutBudget(options.Limits);
                Directory.CreateDirectory(directory);
                WriteTree(commit.Tree, directory, depth: 0, budget, cancellationToken);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void WriteTree(Tree tree, string directory, int depth, CheckoutBudget budget, CancellationToken cancellationToken)
    {
        budget.EnterDirectory(depth);
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Directory.CreateDirectory(path);
                    WriteTree((Tree)entry.Target, path, depth + 1, budget, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, ((Blob)entry.Target).GetContentText());
                    break;
                case TreeEntryTargetType.Blob:
                    var blob = (Blob)entry.Target;
                    budget.AddFile(entry.Path, blob.Size);
                    using (var source = blob.GetContentStream())
                    using (var target = File.Create(path))
                    {
                        source.CopyTo(target);
                    }
                    break;
            }
        }
    }

    private sealed class CheckoutBudget(HubLimits limits)
    {
        private int _files;
        private long _bytes;

        public void EnterDirectory(int depth)
        {
            if (depth > limits.MaxCheckoutDepth)
            {
                throw new GitSourceException($"the repo nests directories deeper than {limits.MaxCheckoutDepth} levels (MaxCheckoutDepth)");
            }
        }

        public void AddFile(string path, long size)
        {
            if (++_files > limits.MaxCheckoutFiles)
            {
                throw new GitSourceException($"the repo has more than {limits.MaxCheckoutFiles} files (MaxCheckoutFiles); stopped at {path}");
            }
            if ((_bytes += size) > limits.MaxCheckoutBytes)
            {
                throw new GitSourceException($"the repo holds more than {limits.MaxCheckoutBytes} bytes (MaxCheckoutBytes); stopped at {path}");
            }
        }
    }
}
