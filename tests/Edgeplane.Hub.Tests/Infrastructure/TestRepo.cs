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
