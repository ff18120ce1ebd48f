using Edgeplane.Hub.Sources;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.Hub.Tests.Sources;

/// <summary>
/// Issue #10, item 1: someone with push access writes tree objects Git itself refuses ('..', absolute names, '.git',
/// symlinks out of the repo). The hub must refuse the commit before it writes anything, anywhere, and keep the last good
/// working folder. The hostile trees are real Git objects, written byte for byte into the test repo.
/// </summary>
public sealed class GitSourceHostileTreeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TestRepo _repo;
    private readonly GitSource _source;

    public GitSourceHostileTreeTests()
    {
        _repo = TestRepo.FromFixture(_temp.Sub("repo"), "fleet", out _);
        _source = new GitSource(HubHost.Options(_repo.Path, _temp.Sub("data"), null), NullLogger<GitSource>.Instance);
    }

    private string Outside(string name) => Path.Combine(_temp.Path, name);

    [Fact]
    public async Task Checkout_DotDotTree_RefusedAndNothingWrittenOutsideOrInside()
    {
        var before = await CheckoutGoodAsync();
        var dotdot = _repo.RawTree([RawTreeEntry.File("PWNED-dotdot.txt", _repo.Blob("pwned\n"))]);

        var error = await RefusedAsync(_repo.CommitRaw("hostile", RawTreeEntry.Folder("..", dotdot)), before);

        Assert.Equal("refusing to check out the commit: the tree entry '..' cannot be written safely: its name has the name '..' " +
            "(Git fsck: hasDotdot). Nothing was written; the last good revision stays.", error.Message);
        Assert.Equal("..", error.RepoPath);
        Assert.False(File.Exists(Path.Combine(_temp.Sub("data"), "PWNED-dotdot.txt")));
    }

    [Fact]
    public async Task Checkout_AbsoluteBlobName_RefusedAndTheAbsolutePathIsNotWritten()
    {
        var before = await CheckoutGoodAsync();
        var target = Outside("PWNED-abs.txt");

        var error = await RefusedAsync(_repo.CommitRaw("hostile", RawTreeEntry.File(target, _repo.Blob("pwned\n"))), before);

        Assert.Contains($"the tree entry '{target}' cannot be written safely: its name has a '/' in one entry's name (Git fsck: fullPathname)", error.Message);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData(".", "the name '.' (Git fsck: hasDot)")]
    [InlineData("..", "the name '..' (Git fsck: hasDotdot)")]
    [InlineData("a/b", "a '/' in one entry's name (Git fsck: fullPathname)")]
    [InlineData("a\\b", "a '\\' in the name")]
    [InlineData(".git", "a name that means '.git' (Git fsck: hasDotgit)")]
    [InlineData(".GIT", "a name that means '.git' (Git fsck: hasDotgit)")]
    [InlineData(".git. .", "a name that means '.git' (Git fsck: hasDotgit)")]
    [InlineData(".git::$INDEX_ALLOCATION", "a name that means '.git' (Git fsck: hasDotgit)")]
    [InlineData("GIT~1", "a name that means '.git' (Git fsck: hasDotgit)")]
    [InlineData(".g\u200cit", "a name that means '.git' (Git fsck: hasDotgit)")]
    public async Task Checkout_ForbiddenNameDeepInTheTree_RefusedNamingThePath(string name, string problem)
    {
        var before = await CheckoutGoodAsync();
        var inner = _repo.RawTree([RawTreeEntry.File(name, _repo.Blob("x: 1\n"))]);
        var middle = _repo.RawTree([RawTreeEntry.Folder("deep", inner)]);

        var error = await RefusedAsync(_repo.CommitRaw("hostile", RawTreeEntry.Folder("apps", middle)), before);

        Assert.Contains($"the tree entry 'apps/deep/{GitPathRules.Printable(name)}' cannot be written safely: its name has {problem}", error.Message);
        Assert.Equal($"apps/deep/{name}", error.RepoPath);
    }

    [Fact]
    public async Task Checkout_NameOverNameMax_Refused()
    {
        var before = await CheckoutGoodAsync();
        var name = new string('n', GitPathRules.MaxNameBytes + 1);

        var error = await RefusedAsync(_repo.CommitRaw("hostile", RawTreeEntry.File(name, _repo.Blob("x\n"))), before);

        Assert.Contains("a name longer than 255 bytes (NAME_MAX)", error.Message);
    }

    [Fact]
    public async Task Checkout_SymlinkAndFolderWithOneName_Refused()
    {
        var before = await CheckoutGoodAsync();
        var folder = _repo.RawTree([RawTreeEntry.File("passwd", _repo.Blob("pwned\n"))]);

        var error = await RefusedAsync(_repo.CommitRaw("hostile",
            RawTreeEntry.Link("etc", _repo.Blob(Outside("target"))), RawTreeEntry.Folder("etc", folder)), before);

        Assert.Contains("the folder holds two entries with this name (Git fsck: duplicateEntries)", error.Message);
        Assert.False(Directory.Exists(Outside("target")));
    }

    [Theory]
    [InlineData("escape", "../outside", "the target '../outside', which leads out of the working folder")]
    [InlineData("abs", "/etc/passwd", "the absolute target '/etc/passwd'")]
    [InlineData("a/b/up", "../../../x", "the target '../../../x', which leads out of the working folder")]
    [InlineData("up-and-in", "../checkout/clusters.yaml", "the target '../checkout/clusters.yaml', which leads out of the working folder")]
    public async Task Checkout_SymlinkLeavingTheWorkingFolder_Refused(string link, string target, string problem)
    {
        var before = await CheckoutGoodAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_repo.Path, link))!);
        File.CreateSymbolicLink(Path.Combine(_repo.Path, link), target);

        var error = await RefusedAsync(_repo.Commit("a symlink out of the repo"), before);

        Assert.Contains($"the tree entry '{link}' cannot be written safely: it is a symlink with {problem}", error.Message);
    }

    [Fact]
    public async Task Checkout_SymlinkThatEscapesOnlyThroughAnotherSymlink_Refused()
    {
        // Read as text, 'p/q/x/../..' is the working folder itself; the kernel follows p/q/x to 'r' first and lands above it.
        var before = await CheckoutGoodAsync();
        Directory.CreateDirectory(Path.Combine(_repo.Path, "p", "q"));
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "p", "q", "x"), "../../r");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "y"), "p/q/x/../..");

        var error = await RefusedAsync(_repo.Commit("a chain of symlinks"), before);

        Assert.Contains("the tree entry 'y' cannot be written safely: it is a symlink with the target 'p/q/x/../..', which leads out", error.Message);
    }

    [Fact]
    public async Task Checkout_SymlinkLoop_Refused()
    {
        var before = await CheckoutGoodAsync();
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "l1"), "l2");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "l2"), "l1");

        var error = await RefusedAsync(_repo.Commit("a symlink loop"), before);

        Assert.Contains("and more than 40 symlinks", error.Message);
    }

    [Fact]
    public async Task Checkout_OneSubtreeReferencedBillionsOfTimes_RefusedByTheEntryLimitWithoutWalkingIt()
    {
        // 30 tree objects of two entries each, every one naming the next twice: a few kilobytes that describe 2^30 paths.
        var before = await CheckoutGoodAsync();
        var level = _repo.RawTree([]);
        for (var i = 0; i < 30; i++)
        {
            level = _repo.RawTree([RawTreeEntry.Folder("a", level), RawTreeEntry.Folder("b", level)]);
        }

        var error = await RefusedAsync(_repo.CommitRaw("hostile: a tree bomb", RawTreeEntry.Folder("bomb", level)), before).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.StartsWith("the repo's tree has more than 200000 entries (MaxCheckoutEntries;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_OneFolderOfSymlinksReferencedManyTimes_RefusedByTheSymlinkLimit()
    {
        var before = await CheckoutGoodAsync();
        var target = _repo.Blob("../" + new string('x', 1000));
        var links = _repo.RawTree(Enumerable.Range(0, 200).Select(i => RawTreeEntry.Link($"l{i:000}", target)));
        var folders = _repo.RawTree(Enumerable.Range(0, 100).Select(i => RawTreeEntry.Folder($"f{i:000}", links)));

        var error = await RefusedAsync(_repo.CommitRaw("hostile: shared symlinks", RawTreeEntry.Folder("links", folders)), before).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.StartsWith("the repo has more than 10000 symlinks (MaxCheckoutSymlinks); stopped at links/f050/l000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_SymlinksThatStayInside_AreWritten()
    {
        await CheckoutGoodAsync();
        _repo.Write("shared/base/a.yaml", "a: 1\n");
        Directory.CreateDirectory(Path.Combine(_repo.Path, "overlays", "site"));
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "base"), "shared/base");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "overlays", "site", "base"), "../../base");
        var sha = _repo.Commit("links up and back in");
        await _source.FetchAsync(null, CancellationToken.None);

        await _source.CheckoutAsync(sha, CancellationToken.None);

        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(_source.WorkTree, "overlays", "site", "base", "a.yaml")));
    }

    [Fact]
    public async Task Checkout_HostileTreeOnAFreshDataFolder_CreatesNoWorkingFolderContent()
    {
        var hostile = _repo.CommitRaw("hostile", RawTreeEntry.File(Outside("PWNED-fresh.txt"), _repo.Blob("pwned\n")));
        await _source.FetchAsync(null, CancellationToken.None);

        await Assert.ThrowsAsync<GitSourceException>(() => _source.CheckoutAsync(hostile, CancellationToken.None));

        Assert.False(File.Exists(Outside("PWNED-fresh.txt")));
        Assert.False(Directory.Exists(_source.WorkTree) && Directory.EnumerateFileSystemEntries(_source.WorkTree).Any());
    }

    [Fact]
    public async Task Checkout_GoodCommitAfterARefusedOne_MatchesItsTree()
    {
        var before = await CheckoutGoodAsync();
        await RefusedAsync(_repo.CommitRaw("hostile", RawTreeEntry.File(".git", _repo.Blob("[core]\n"))), before);
        _repo.Write("notes.txt", "after\n");
        var good = _repo.Commit("good again");
        await _source.FetchAsync(null, CancellationToken.None);

        await _source.CheckoutAsync(good, CancellationToken.None);

        Assert.Equal("after\n", File.ReadAllText(Path.Combine(_source.WorkTree, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(_source.WorkTree, ".git")));
    }

    /// <summary>Checks out the fixture commit; returns every path under the data folder afterwards.</summary>
    private async Task<string[]> CheckoutGoodAsync()
    {
        var sha = _repo.Commit("fixture");
        await _source.FetchAsync(null, CancellationToken.None);
        await _source.CheckoutAsync(sha, CancellationToken.None);
        return Everything();
    }

    /// <summary>Fetches and checks out <paramref name="sha"/>, which must be refused with nothing changed on disk.</summary>
    private async Task<GitSourceException> RefusedAsync(string sha, string[] before)
    {
        await _source.FetchAsync(null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GitSourceException>(() => _source.CheckoutAsync(sha, CancellationToken.None));
        Assert.Equal(before, Everything());
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "PWNED*", SearchOption.TopDirectoryOnly));
        return error;
    }

    /// <summary>Every path under the temp folder outside the test repo and the Git mirror, with file sizes.</summary>
    private string[] Everything()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        return new DirectoryInfo(_temp.Path).EnumerateFileSystemInfos("*", options)
            .Select(e => Path.GetRelativePath(_temp.Path, e.FullName) + (e is FileInfo f && f.LinkTarget is null ? $" {f.Length}" : ""))
            .Where(p => !p.StartsWith("repo", StringComparison.Ordinal) && !p.StartsWith($"data{Path.DirectorySeparatorChar}source.git", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
    }

    public void Dispose()
    {
        _source.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }
}
