using System.Runtime.Versioning;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Hub.Tests.Hosting;

/// <summary>
/// Issue #10, item 9: the hub's data folder holds its CA key, database, Git mirror and checkout. Everything in it is
/// created for the owner only (also what SQLite and libgit2 create), and a folder others may write to is refused.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Start_NewDataFolder_EverythingInItIsOwnerOnly()
    {
        using var repo = TestRepo.FromFixture(_temp.Sub("repo"), "fleet", out var sha);
        await using (var hub = await HubHost.StartAsync(HubHost.Options(repo.Path, _temp.Sub("data"), null)))
        {
            Assert.Equal("Applied", (await hub.WaitForRevisionAsync(sha)).State.ToString());
            await hub.Service<BootstrapTokenService>().CreateAsync(ClusterId.Parse("site-1"), TimeSpan.FromHours(1), CancellationToken.None);
        }

        var entries = new DirectoryInfo(_temp.Sub("data")).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(new DirectoryInfo(_temp.Sub("data"))).ToList();

        Assert.Contains(entries, e => e.Name == "hub.db");
        Assert.Contains(entries, e => e.Name == "ca.key");
        Assert.Contains(entries, e => e.FullName.Contains("/checkout/", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.FullName.Contains("/source.git/objects/", StringComparison.Ordinal));
        var loose = entries.Where(e => e.LinkTarget is null && (e.UnixFileMode & PrivateFiles.GroupOrOther) != 0)
            .Select(e => $"{Path.GetRelativePath(_temp.Path, e.FullName)} {PrivateFiles.Octal(e.UnixFileMode)}").ToList();
        Assert.Empty(loose);
    }

    [Fact]
    public void Build_DataFolderWritableByOthers_RefusedWithTheChmodToRun()
    {
        var data = _temp.Sub("shared");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, PrivateFiles.OwnerOnlyDirectory | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);

        var error = Assert.Throws<PrivateFileException>(() => HubApplication.Build(HubHost.Options(_temp.Sub("repo"), data, null)));

        Assert.Equal($"the hub data folder '{data}' has mode 0707: group or others may write to it, so they could replace what it holds. " +
            $"Refusing to use it. Run: chmod 700 '{data}'", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Fact]
    public async Task Build_DataFolderReadableByOthers_LeftAsItIsButWhatTheHubWritesIsPrivate()
    {
        var data = _temp.Sub("readable");
        Directory.CreateDirectory(data);
        var readable = PrivateFiles.OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead;
        File.SetUnixFileMode(data, readable);

        await using (var app = HubApplication.Build(HubHost.Options(_temp.Sub("repo"), data, null)))
        {
            File.WriteAllText(Path.Combine(data, "written-after-build"), "x");
        }

        Assert.Equal(readable, File.GetUnixFileMode(data));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "written-after-build")));
    }

    public void Dispose() => _temp.Dispose();
}
