using System.Text;
using LibGit2Sharp;

namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>A real Git repository on disk (branch <c>main</c>), written and committed with LibGit2Sharp.</summary>
public sealed class TestRepo : IDisposable
{
    private static readonly string Fixtures = System.IO.Path.Combine(AppContext.BaseDirectory, "testdata");
    private readonly Repository _repo;
    private int _clock;

    public TestRepo(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Repository.Init(path);
        _repo = new Repository(path);
        _repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
    }

    public string Path { get; }

    /// <summary>A repo holding a copy of <c>testdata/&lt;fixture&gt;</c>, committed once.</summary>
    public static TestRepo FromFixture(string path, string fixture, out string sha)
    {
        var repo = new TestRepo(path);
        repo.CopyFixture(fixture);
        sha = repo.Commit("initial fleet");
        return repo;
    }

    public void CopyFixture(string fixture)
    {
        var source = System.IO.Path.Combine(Fixtures, fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Write(System.IO.Path.GetRelativePath(source, file), File.ReadAllText(file));
        }
    }

    public void Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Delete(string relative) => File.Delete(System.IO.Path.Combine(Path, relative));

    /// <summary>Deletes every file but <c>.git</c>.</summary>
    public void DeleteAll()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path).Where(e => System.IO.Path.GetFileName(e) != ".git"))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    /// <summary>Stages a path that changed type (symlink ↔ file), which <c>Commands.Stage</c> refuses; commit as usual after.</summary>
    public void StageTypeChange(string relative)
    {
        _repo.Index.Remove(relative);
        _repo.Index.Add(relative);
        _repo.Index.Write();
    }

    /// <summary>
    /// Commits the head tree plus a submodule entry (a gitlink to the head commit) at <paramref name="relative"/>, without
    /// touching the index: the next <see cref="Commit"/> drops the submodule again.
    /// </summary>
    public string CommitSubmodule(string relative, string message)
    {
        var head = _repo.Head.Tip;
        var tree = _repo.ObjectDatabase.CreateTree(TreeDefinition.From(head.Tree).AddGitLink(relative, head.Id));
        var signature = NextSignature();
        var commit = _repo.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: false);
        _repo.Refs.UpdateTarget(_repo.Refs["refs/heads/main"], commit.Id);
        return commit.Sha;
    }

    /// <summary>Writes a blob and returns its id, for <see cref="RawTree"/>.</summary>
    public ObjectId Blob(string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return _repo.ObjectDatabase.CreateBlob(stream).Id;
    }

    /// <summary>
    /// Writes a tree object byte for byte, without any name check: what an attacker with push access writes with
    /// <c>git hash-object -t tree --literally</c> to get entries Git itself refuses ('..', absolute names, '.git').
    /// Entries are sorted as Git sorts them (a folder's name compares as if it ended in '/').
    /// </summary>
    public ObjectId RawTree(IEnumerable<RawTreeEntry> entries)
    {
        var data = new MemoryStream();
        foreach (var entry in entries.OrderBy(e => SortKey(e), Comparer<byte[]>.Create(CompareBytes)))
        {
            data.Write(Encoding.UTF8.GetBytes($"{entry.Mode} {entry.Name}\0"));
            data.Write(entry.Id.RawId);
        }
        return _repo.ObjectDatabase.Write<Tree>(data.ToArray());
    }

    /// <summary>Commits the head tree plus <paramref name="extra"/> entries at the root as a child of head; main moves to it.</summary>
    public string CommitRaw(string message, params RawTreeEntry[] extra)
    {
        var head = _repo.Head.Tip;
        var entries = head.Tree.Select(e => new RawTreeEntry(Convert.ToString((int)e.Mode, 8), e.Name, e.Target.Id)).Concat(extra);
        var signature = NextSignature();
        var commit = _repo.ObjectDatabase.CreateCommit(signature, signature, message, _repo.Lookup<Tree>(RawTree(entries)), [head], prettifyMessage: false);
        _repo.Refs.UpdateTarget(_repo.Refs["refs/heads/main"], commit.Id);
        return commit.Sha;
    }

    private static byte[] SortKey(RawTreeEntry entry) => Encoding.UTF8.GetBytes(entry.Mode == "40000" ? entry.Name + "/" : entry.Name);

    private static int CompareBytes(byte[]? a, byte[]? b) => a.AsSpan().SequenceCompareTo(b);

    public string Commit(string message)
    {
        Commands.Stage(_repo, "*");
        var signature = NextSignature();
        return _repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Replaces the head commit (same parent, new content): the old head is no longer an ancestor.</summary>
    public string Amend(string message)
    {
        Commands.Stage(_repo, "*");
        var signature = NextSignature();
        return _repo.Commit(message, signature, signature, new CommitOptions { AmendPreviousCommit = true, AllowEmptyCommit = true }).Sha;
    }

    private Signature NextSignature() =>
        new("Test Author", "author@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(++_clock));

    public void Dispose() => _repo.Dispose();
}
