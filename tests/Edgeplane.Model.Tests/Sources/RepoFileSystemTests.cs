using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;

namespace Edgeplane.Model.Tests.Sources;

public sealed class RepoFileSystemTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ep-fs-").FullName;
    private readonly string _repo;
    private static readonly SourceLocation At = new("k/kustomization.yaml", 3, 3);

    public RepoFileSystemTests()
    {
        _repo = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(_repo, "k"));
        File.WriteAllText(Path.Combine(_repo, "k", "cm.yaml"), "a: 1");
        File.WriteAllText(Path.Combine(_dir, "secret.yaml"), "outside: true");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Resolve_RelativeInsideRepo_ReturnsRepoRelativePath()
    {
        var fs = new RepoFileSystem(_repo);

        Assert.Equal("k/cm.yaml", fs.Resolve("k", "./cm.yaml", At));
        Assert.Equal("k/cm.yaml", fs.Resolve("k/sub", "../cm.yaml", At));
    }

    [Theory]
    [InlineData("../../secret.yaml", "leaves the fleet repo")]
    [InlineData("/etc/passwd", "absolute path '/etc/passwd' is not allowed")]
    [InlineData("https://github.com/x/y//base", "remote reference")]
    public void Resolve_EscapingPath_Refused(string path, string message)
    {
        var fs = new RepoFileSystem(_repo);

        var error = Assert.Throws<RepoPathException>(() => fs.Resolve("k", path, At));

        Assert.Contains(message, error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(At, error.Diagnostic.Location);
    }

    [Fact]
    public void Resolve_SymlinkLeadingOut_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_repo, "k", "link.yaml"), Path.Combine(_dir, "secret.yaml"));
        var fs = new RepoFileSystem(_repo);

        var error = Assert.Throws<RepoPathException>(() => fs.Resolve("k", "link.yaml", At));

        Assert.Equal("k/kustomization.yaml:3:3: path 'link.yaml' goes through symlink 'k/link.yaml' that leads outside the fleet repo",
            error.Diagnostic.ToString());
    }

    [Fact]
    public void EnumerateYamlFiles_SymlinkLeadingOut_Refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_repo, "escape"), _dir);
        var fs = new RepoFileSystem(_repo);

        var error = Assert.Throws<RepoPathException>(() => fs.EnumerateYamlFiles());

        Assert.Contains("leads outside the fleet repo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SymlinkInsideRepo_Allowed()
    {
        File.CreateSymbolicLink(Path.Combine(_repo, "alias.yaml"), Path.Combine(_repo, "k", "cm.yaml"));
        var fs = new RepoFileSystem(_repo);

        Assert.Equal("alias.yaml", fs.Resolve("", "alias.yaml", At));
        Assert.Equal("a: 1", fs.ReadText("alias.yaml"));
    }

    [Fact]
    public void ReadText_OversizedFile_RefusedWithLimitName()
    {
        File.WriteAllText(Path.Combine(_repo, "big.yaml"), new string('x', 2048));
        var fs = new RepoFileSystem(_repo, new LoadLimits { MaxFileBytes = 1024 });

        var error = Assert.Throws<RepoPathException>(() => fs.ReadText("big.yaml"));

        Assert.Equal("big.yaml: file is 2048 bytes, more than the limit of 1024 bytes (MaxFileBytes)", error.Diagnostic.ToString());
    }

    [Fact]
    public void ReadText_MoreFilesThanLimit_Refused()
    {
        var fs = new RepoFileSystem(_repo, new LoadLimits { MaxFiles = 1 });
        fs.ReadText("k/cm.yaml");

        var error = Assert.Throws<RepoPathException>(() => fs.ReadText("k/cm.yaml"));

        Assert.Contains("more than 1 files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumerateYamlFiles_SkipsDotDirectoriesAndSorts()
    {
        Directory.CreateDirectory(Path.Combine(_repo, ".git"));
        File.WriteAllText(Path.Combine(_repo, ".git", "x.yaml"), "");
        File.WriteAllText(Path.Combine(_repo, "a.yml"), "");
        var fs = new RepoFileSystem(_repo);

        Assert.Equal(["a.yml", "k/cm.yaml"], fs.EnumerateYamlFiles());
    }

    [Fact]
    public void ReadBytes_BinaryFile_ReturnsExactBytesAndCountsAgainstLimits()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, 0x89, 0x00, 0xFF];
        File.WriteAllBytes(Path.Combine(_repo, "k", "blob.bin"), content);
        var fs = new RepoFileSystem(_repo, new LoadLimits { MaxFiles = 1 });

        Assert.Equal(content, fs.ReadBytes("k/blob.bin"));
        var error = Assert.Throws<RepoPathException>(() => fs.ReadBytes("k/cm.yaml"));
        Assert.Contains("(MaxFiles)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_Utf8Bom_IsStripped()
    {
        File.WriteAllBytes(Path.Combine(_repo, "k", "bom.yaml"), [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1']);
        var fs = new RepoFileSystem(_repo);

        Assert.Equal("a: 1", fs.ReadText("k/bom.yaml"));
    }
}
