using System.Text.Json.Nodes;
using Edgeplane.Cli.Diff;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Cli.Tests.HubFleet;

/// <summary><c>edgeplane diff --hub</c> against a real hub that applied examples/fleet: the base is each cluster's desired bundle.</summary>
public sealed class DiffHubTests(ExampleFleetHubFixture hub) : IClassFixture<ExampleFleetHubFixture>
{
    [Fact]
    public async Task DiffHub_SameFleet_ExitsZeroAndSaysNoChanges()
    {
        using var copy = new FleetCopy(hub.RepoPath);

        var run = await CliRun.Of(["diff", copy.Dir, .. hub.Connection]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal($"no changes: every cluster of {copy.Dir} renders the same objects as hub {hub.Url}/\n", run.Out);
    }

    [Fact]
    public async Task DiffHub_IstioBumpAndARemovedCluster_ShowsThemAgainstTheDesiredBundles()
    {
        using var copy = new FleetCopy(hub.RepoPath);
        copy.Replace("addons/istio/addon.yaml", "version: \"1.23.2\"", "version: \"1.23.3\"");
        File.Delete(Path.Combine(copy.Dir, "clusters/edge/us-east/pit-01.yaml"));

        var run = await CliRun.Of(["diff", copy.Dir, "-o", "json", .. hub.Connection]);

        Assert.Equal(1, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal($"hub {hub.Url}/", (string?)report["base"]);
        var clusters = report["clusters"]!.AsArray();
        Assert.Equal(ExampleFleetHubFixture.ClusterCount, clusters.Count);
        var removed = Assert.Single(clusters, c => (string?)c!["change"] == "removed")!;
        Assert.Equal("edge-pit-01", (string?)removed["name"]);
        var muc = clusters.Single(c => (string?)c!["name"] == "edge-muc-01")!["objects"]!["changed"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"id":"apps/v1/Deployment/istio-system/istiod","fields":[{"path":"spec.template.spec.containers[name=istiod].image","from":"docker.io/istio/pilot:1.23.2","to":"docker.io/istio/pilot:1.23.3"}]}]
            """), muc), muc.ToJsonString());
        Assert.Equal(["canary", "edge-first-tenth", "edge", "regional", "cloud"], report["waves"]!.AsArray().Select(w => (string?)w!["name"]));
    }

    [Fact]
    public async Task DiffHub_CloudLayerDowngraded_ListsTheRefusalAgainstTheHubsVersions()
    {
        using var copy = new FleetCopy(hub.RepoPath);
        copy.Replace("fleet.yaml", "      kubernetesVersion: v1.30.5\n", "      kubernetesVersion: v1.29.9\n");

        var run = await CliRun.Of(["diff", copy.Dir, "-o", "json", .. hub.Connection]);

        Assert.Equal(1, run.ExitCode);
        var refused = Assert.Single(JsonNode.Parse(run.Out)!["refused"]!.AsArray())!;
        Assert.Equal(("fleet.yaml", "KubernetesVersionSkew"), ((string?)refused["file"], (string?)refused["code"]));
        Assert.Contains("Kubernetes v1.30.5 → v1.29.9 is a downgrade: set kubernetesUpgrade.allowDowngrade: true", (string?)refused["message"]);
    }

    [Fact]
    public async Task DiffHub_WrongToken_Exit2WithTheHubsAnswer()
    {
        using var copy = new FleetCopy(hub.RepoPath);

        var run = await CliRun.Of("diff", copy.Dir, "--hub", hub.Url, "--token", "ep_wrong");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("error: hub answered 401 Unauthorized", run.Error);
    }

    [Fact]
    public async Task DiffHub_Unreachable_Exit2NamingTheHub()
    {
        using var copy = new FleetCopy(hub.RepoPath);

        var run = await CliRun.Of("diff", copy.Dir, "--hub", "http://127.0.0.1:1", "--token", "ep_x");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("error: cannot reach the hub at http://127.0.0.1:1/", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Restamped_BundleRenderedWithTheDiffRevision_HasTheDigestOfTheSameBundleAtTheHubsRevision()
    {
        var loaded = FleetLoader.Load(hub.RepoPath);
        Assert.True(loaded.Succeeded);
        var renderer = new FleetRenderer(loaded.Fleet!);
        var local = renderer.Render("edge-muc-01", new RenderOptions { Revision = RenderedFleet.Revision }).Bundle!;
        var atHub = renderer.Render("edge-muc-01", new RenderOptions { Revision = hub.InitialSha }).Bundle!;

        Assert.Equal(atHub.Digest, HubComparison.Restamped(local, hub.InitialSha));
        Assert.NotEqual(atHub.Digest, HubComparison.Restamped(local, "another-revision"));
        Assert.Null(HubComparison.Restamped(local, null));
    }

    /// <summary>The hub repo's files (not its .git) in a folder of the test's own.</summary>
    private sealed class FleetCopy : IDisposable
    {
        public FleetCopy(string repo)
        {
            Dir = Directory.CreateTempSubdirectory("ep-diff-hub-").FullName;
            foreach (var file in Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(repo, f).StartsWith(".git", StringComparison.Ordinal)))
            {
                var target = Path.Combine(Dir, Path.GetRelativePath(repo, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Dir { get; }

        public void Replace(string relative, string from, string to)
        {
            var path = Path.Combine(Dir, relative);
            var text = File.ReadAllText(path);
            Assert.Contains(from, text);
            File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }
}
