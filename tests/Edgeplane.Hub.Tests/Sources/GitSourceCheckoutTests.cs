using Edgeplane.Hub.Sources;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.Hub.Tests.Sources;

/// <summary>
/// The hub keeps one working folder and brings it from commit to commit by writing only the difference. After every
/// step it must hold exactly what a fresh checkout of that commit holds: same files, same bytes, same symlinks, and no
/// folder a fresh checkout would not have.
/// </summary>
public sealed class GitSourceCheckoutTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new();
    private readonly TestRepo _repo;
    private readonly GitSource _incremental;

    public GitSourceCheckoutTests()
    {
        _repo = TestRepo.FromFixture(_temp.Sub("repo"), "fleet", out _);
        _incremental = Source("incremental", new HubLimits());
    }

    [Fact]
    public async Task Checkout_SuccessiveCommits_EachMatchesAFreshCheckout()
    {
        var first = await CheckoutBothAsync(_repo.Commit("fixture"));
        Assert.Contains("clusters.yaml", first.Keys);

        _repo.Write("extra/deep/a.yaml", "a: 1\n");
        _repo.Write("notes.txt", "one\n");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "alias.yaml"), "clusters.yaml");
        var second = await CheckoutBothAsync(_repo.Commit("add a nested file, a note and a symlink"));
        Assert.Equal("link:clusters.yaml", second["alias.yaml"]);
        Assert.Equal("dir", second["extra/deep"]);

        _repo.Delete("extra/deep/a.yaml");
        File.Delete(Path.Combine(_repo.Path, "alias.yaml"));
        _repo.Write("alias.yaml", "now: a file\n");
        _repo.StageTypeChange("alias.yaml");
        _repo.Write("notes.txt", "two\n");
        var third = await CheckoutBothAsync(_repo.Commit("delete the nested file, the symlink becomes a file, change the note"));
        Assert.DoesNotContain("extra", third.Keys);
        Assert.Equal("file:now: a file\n", third["alias.yaml"]);
        Assert.Equal("file:two\n", third["notes.txt"]);

        _repo.Delete("notes.txt");
        _repo.Write("notes.txt/inside.yaml", "b: 2\n");
        Directory.Delete(Path.Combine(_repo.Path, "extra"), recursive: true); // Git dropped it; the work folder of the test repo kept it empty
        _repo.Write("extra", "a file where a folder was\n");
        var fourth = await CheckoutBothAsync(_repo.Commit("a file becomes a folder, a folder name becomes a file"));
        Assert.Equal("dir", fourth["notes.txt"]);
        Assert.Equal("file:a file where a folder was\n", fourth["extra"]);
    }

    [Fact]
    public async Task Checkout_Submodules_AreSkippedAndLeaveNoEmptyFolder()
    {
        await CheckoutBothAsync(_repo.Commit("fixture"));

        var withSubmodules = await CheckoutBothAsync(_repo.CommitSubmodule("vendor/module", "a folder that holds only a submodule"));
        Assert.DoesNotContain(withSubmodules.Keys, k => k.StartsWith("vendor", StringComparison.Ordinal));

        _repo.Write("vendor/readme.yaml", "c: 3\n");
        var withoutThem = await CheckoutBothAsync(_repo.Commit("the submodule is dropped, a file appears in its folder"));
        Assert.Equal("file:c: 3\n", withoutThem["vendor/readme.yaml"]);
    }

    [Fact]
    public async Task Checkout_OneFileChanged_LeavesEveryOtherFileUntouched()
    {
        await CheckoutBothAsync(_repo.Commit("fixture"));
        var untouched = Directory.EnumerateFiles(_incremental.WorkTree, "*", SearchOption.AllDirectories).ToList();
        untouched.ForEach(f => File.SetLastWriteTimeUtc(f, LongAgo));

        await CheckoutBothAsync(CommitOneFileChange());

        var rewritten = untouched.Where(f => File.GetLastWriteTimeUtc(f) != LongAgo).Select(f => Path.GetRelativePath(_incremental.WorkTree, f));
        Assert.Equal(new[] { "clusters.yaml" }, rewritten.ToArray());
    }

    [Fact]
    public async Task Checkout_AfterARestart_ContinuesFromTheFolderOnDisk()
    {
        await CheckoutBothAsync(_repo.Commit("fixture"));
        _incremental.Dispose();
        var untouched = Directory.EnumerateFiles(_incremental.WorkTree, "*", SearchOption.AllDirectories).ToList();
        untouched.ForEach(f => File.SetLastWriteTimeUtc(f, LongAgo));
        using var restarted = Source("incremental", new HubLimits());

        var next = await ChangeOneFileAndCheckoutAsync(restarted);

        Assert.Equal(await FreshAsync(next), Snapshot(restarted.WorkTree));
        var rewritten = untouched.Where(f => File.GetLastWriteTimeUtc(f) != LongAgo).Select(f => Path.GetRelativePath(restarted.WorkTree, f));
        Assert.Equal(new[] { "clusters.yaml" }, rewritten.ToArray());
    }

    [Theory]
    [InlineData("not a tree id")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public async Task Checkout_AfterARestart_UnusableMarker_WritesTheWholeTree(string marker)
    {
        await CheckoutBothAsync(_repo.Commit("fixture"));
        _incremental.Dispose();
        File.WriteAllText(Path.Combine(_temp.Sub("incremental"), "checkout.tree"), marker);
        File.WriteAllText(Path.Combine(_incremental.WorkTree, "stray.yaml"), "left: behind\n");
        using var restarted = Source("incremental", new HubLimits());

        var next = await ChangeOneFileAndCheckoutAsync(restarted);

        Assert.Equal(await FreshAsync(next), Snapshot(restarted.WorkTree));
    }

    [Fact]
    public async Task Checkout_OverALimit_WritesNothingAndTheNextCommitStillMatches()
    {
        var files = Directory.EnumerateFiles(_repo.Path, "*", SearchOption.AllDirectories).Count(f => !f.Contains("/.git/", StringComparison.Ordinal));
        using var limited = Source("limited", new HubLimits { MaxCheckoutFiles = files });
        var first = _repo.Commit("fixture");
        await FetchAsync(limited);
        await limited.CheckoutAsync(first, CancellationToken.None);
        var before = Snapshot(limited.WorkTree);

        _repo.Write("one-too-many.yaml", "c: 3\n");
        var over = _repo.Commit("one file over the limit");
        await FetchAsync(limited);
        var error = await Assert.ThrowsAsync<GitSourceException>(() => limited.CheckoutAsync(over, CancellationToken.None));

        Assert.StartsWith($"the repo has more than {files} files (MaxCheckoutFiles); stopped at ", error.Message);
        Assert.Equal(before, Snapshot(limited.WorkTree));
        _repo.Delete("one-too-many.yaml");
        _repo.Write("clusters.yaml", File.ReadAllText(Path.Combine(_repo.Path, "clusters.yaml")) + "# back under\n");
        var under = _repo.Commit("back under the limit");
        await FetchAsync(limited);
        await limited.CheckoutAsync(under, CancellationToken.None);
        Assert.Equal(await FreshAsync(under), Snapshot(limited.WorkTree));
    }

    /// <summary>Checks out <paramref name="sha"/> incrementally and freshly, asserts both folders are the same, returns it.</summary>
    private async Task<Dictionary<string, string>> CheckoutBothAsync(string sha)
    {
        await FetchAsync(_incremental);
        Assert.Equal(_incremental.WorkTree, await _incremental.CheckoutAsync(sha, CancellationToken.None));
        var incremental = Snapshot(_incremental.WorkTree);
        Assert.Equal(await FreshAsync(sha), incremental);
        return incremental;
    }

    /// <summary>Commits a change to clusters.yaml alone and returns the commit.</summary>
    private string CommitOneFileChange()
    {
        _repo.Write("clusters.yaml", File.ReadAllText(Path.Combine(_repo.Path, "clusters.yaml")) + "# changed\n");
        return _repo.Commit("change clusters.yaml");
    }

    /// <summary><see cref="CommitOneFileChange"/>, then fetches it into <paramref name="source"/> and checks it out there.</summary>
    private async Task<string> ChangeOneFileAndCheckoutAsync(GitSource source)
    {
        var sha = CommitOneFileChange();
        await FetchAsync(source);
        await source.CheckoutAsync(sha, CancellationToken.None);
        return sha;
    }

    private async Task<Dictionary<string, string>> FreshAsync(string sha)
    {
        using var fresh = Source("fresh-" + sha, new HubLimits());
        await FetchAsync(fresh);
        return Snapshot(await fresh.CheckoutAsync(sha, CancellationToken.None));
    }

    private GitSource Source(string data, HubLimits limits) =>
        new(HubHost.Options(_repo.Path, _temp.Sub(data), null) with { Limits = limits }, NullLogger<GitSource>.Instance);

    private static Task FetchAsync(GitSource source) => source.FetchAsync(null, CancellationToken.None);

    /// <summary>Every entry under <paramref name="root"/>: path → "dir", "link:target" or "file:content", without following links.</summary>
    private static Dictionary<string, string> Snapshot(string root)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            entries[relative] = entry switch
            {
                { LinkTarget: { } target } => "link:" + target,
                DirectoryInfo => "dir",
                _ => "file:" + File.ReadAllText(entry.FullName),
            };
        }
        return entries;
    }

    public void Dispose()
    {
        _incremental.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }
}
