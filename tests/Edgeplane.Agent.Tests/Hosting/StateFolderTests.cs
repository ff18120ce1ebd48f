using System.Runtime.Versioning;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Agent.Tests.Hosting;

/// <summary>
/// Issue #10, item 9: the agent's state folder holds its private key and the bundles it applies. Everything in it is
/// owner-only, and a folder others may write to (they could plant a bundle or a key) is refused at start.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class StateFolderTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Start_AfterApplying_EverythingInTheStateFolderIsOwnerOnly()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")], revision: "c1"));

        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => _bed.Hub.LastReport("site-a")?.AppliedDigest == digest, "the bundle applied");
        await _bed.StopAgentAsync(agent);

        var state = new DirectoryInfo(_bed.StateOf("site-a"));
        var entries = state.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(state).ToList();
        Assert.Contains(entries, e => e.Name == "agent.pem");
        Assert.True(entries.Count(e => e is FileInfo) >= 3, string.Join(", ", entries.Select(e => e.Name)));
        Assert.Empty(entries.Where(e => (e.UnixFileMode & PrivateFiles.GroupOrOther) != 0)
            .Select(e => $"{Path.GetRelativePath(state.FullName, e.FullName)} {PrivateFiles.Octal(e.UnixFileMode)}"));
    }

    [Fact]
    public async Task Start_StateFolderWritableByOthers_RefusedBeforeAnythingIsWritten()
    {
        _bed.AddCluster("site-b");
        var state = _bed.StateOf("site-b");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, PrivateFiles.OwnerOnlyDirectory | UnixFileMode.GroupWrite | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var error = await Assert.ThrowsAsync<PrivateFileException>(() => _bed.StartAgentAsync("site-b"));

        Assert.Equal($"the agent state folder '{state}' has mode 0770: group or others may write to it, so they could replace what it holds. " +
            $"Refusing to use it. Run: chmod 700 '{state}'", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(state));
    }
}
