using System.Text.Json.Nodes;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Tests.Bundles;

public sealed class BundleFetchTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Restart_CachedBundleCorrupted_DetectedRefetchedAndApplied()
    {
        _bed.AddCluster("site-a");
        var digest = _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied");
        await _bed.StopAgentAsync(agent);
        var file = Path.Combine(_bed.StateOf("site-a"), "bundles", BundleDigest.Parse(digest).FileStem + ".json");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^2] ^= 0x20;
        await File.WriteAllBytesAsync(file, bytes);
        Assert.Equal(1, _bed.Hub.Fetches);

        var restarted = await _bed.StartAgentAsync("site-a", withToken: false);

        await _bed.WaitAsync(() => restarted.Snapshot.IsConverged && _bed.Hub.Fetches == 2, "the bundle fetched again");
        Assert.Equal(digest, BundleDigest.Of(await File.ReadAllBytesAsync(file)).ToString());
    }

    [Fact]
    public async Task Fetch_HubServesOtherBytes_RefusedNothingAppliedThenRecovers()
    {
        _bed.AddCluster("site-a");
        var good = TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]);
        var evil = TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings", "evil")]);
        _bed.Hub.ServeInstead = _ => evil;
        var digest = _bed.Target("site-a", good);

        var agent = await _bed.StartAgentAsync("site-a");

        await _bed.WaitAsync(() => agent.Snapshot.Condition(ConditionTypes.Ready)?.Reason == AgentReasons.BundleVerificationFailed, "the refused bundle",
            () => string.Join("; ", agent.Snapshot.Conditions));
        Assert.Contains($"the bundle downloaded for {digest} hashes to {BundleDigest.Of(evil)}; it was discarded",
            agent.Snapshot.Condition(ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.Null(await _bed.Client("site-a").ConfigMapAsync("web", "settings"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_bed.StateOf("site-a"), "bundles")));

        _bed.Hub.ServeInstead = null;

        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the real bundle after a retry");
        Assert.Equal("v1", (await _bed.Client("site-a").ConfigMapAsync("web", "settings"))!.Data["key"]);
    }

    [Fact]
    public async Task Fetch_DownloadBroken_ResumesAtItsOffset()
    {
        _bed.AddCluster("site-a");
        var objects = new List<JsonObject> { TestBundles.Namespace("web") };
        objects.AddRange(Enumerable.Range(0, 20).Select(i => TestBundles.ConfigMap("web", $"cm-{i}", Guid.NewGuid().ToString())));
        _bed.Hub.ChunkBytes = 256;
        _bed.Hub.BreakFetchAfterChunks = 2;
        _bed.Target("site-a", TestBundles.Build("site-a", objects));

        var agent = await _bed.StartAgentAsync("site-a");

        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "the bundle applied", () => string.Join("; ", agent.Snapshot.Conditions));
        Assert.Equal([0ul, 512ul], _bed.Hub.FetchOffsets.ToArray());
        Assert.NotNull(await _bed.Client("site-a").ConfigMapAsync("web", "cm-19"));
    }
}
