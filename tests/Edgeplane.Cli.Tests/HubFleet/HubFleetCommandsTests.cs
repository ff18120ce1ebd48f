using System.Text.Json;
using Edgeplane.Cli.Tests.HubCommands;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Cli.Tests.HubFleet;

/// <summary>status, clusters list/get and revisions against a hub that runs the real compiler on examples/fleet.</summary>
public sealed class HubFleetCommandsTests(ExampleFleetHubFixture hub) : IClassFixture<ExampleFleetHubFixture>
{
    [Fact]
    public async Task Status_ExampleFleet_CountsEveryClusterByLayer()
    {
        var run = await HubCli.RunAsync(["status", .. hub.Connection]);

        Assert.Equal(0, run.ExitCode);
        var rows = run.Out.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 6).ToList();
        Assert.Equal(["LAYER", "cloud", "regional", "edge", "total"], rows.Select(r => r[0]));
        Assert.Equal(["CLUSTERS", "4", "2", "24", "30"], rows.Select(r => r[1]));
        Assert.Contains($"revision:   {hub.InitialSha[..12]} example fleet", run.Out);
        Assert.DoesNotContain("last error", run.Out);
    }

    [Fact]
    public async Task ClustersList_ExampleFleet_Lists28WithTheRenderersDigests()
    {
        var table = await HubCli.RunAsync(["clusters", "list", .. hub.Connection]);
        var json = await HubCli.RunAsync(["clusters", "list", "-o", "json", .. hub.Connection]);

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        var clusters = JsonSerializer.Deserialize<List<ClusterResponse>>(json.Out, Cli.HubClient.HubApiClient.Json)!;
        var expected = RenderedDigests();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), clusters.Select(c => c.Name));
        Assert.All(clusters, c => Assert.Equal(new DigestRef(expected[c.Name], hub.InitialSha), c.Desired));
        var lines = table.Out.TrimEnd().Split('\n');
        Assert.Equal(1 + ExampleFleetHubFixture.ClusterCount, lines.Length);
        Assert.Matches(@"^NAME\s+LAYER\s+REGION\s+SITE\s+PHASE\s+DESIRED\s+APPLIED\s+IN-SYNC\s+HEALTH\s+LINK$", lines[0]);
        Assert.Matches($@"^edge-muc-01\s+edge\s+eu-central\s+muc-01\s+Declared\s+{expected["edge-muc-01"][..19]}\s+-\s+no\s+Offline\s+Offline$",
            Assert.Single(lines, l => l.StartsWith("edge-muc-01 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ClustersList_PhaseFilter_AsksTheHub_AndJsonCarriesTheLifecycle()
    {
        var declared = await HubCli.RunAsync(["clusters", "list", "--phase", "Declared", "-o", "json", .. hub.Connection]);
        var ready = await HubCli.RunAsync(["clusters", "list", "--phase", "Ready", .. hub.Connection]);
        var bogus = await HubCli.RunAsync(["clusters", "list", "--phase", "Running", .. hub.Connection]);

        Assert.Equal((0, 0, 1), (declared.ExitCode, ready.ExitCode, bogus.ExitCode));
        var clusters = JsonSerializer.Deserialize<List<ClusterResponse>>(declared.Out, Cli.HubClient.HubApiClient.Json)!;
        Assert.Equal(ExampleFleetHubFixture.ClusterCount, clusters.Count); // no agent ever enrolled: every cluster is still Declared
        Assert.All(clusters, c => Assert.Equal("Declared", c.Lifecycle!.Phase));
        var provisioned = Assert.Single(clusters, c => c.Name == "os-fra");
        Assert.Equal("eks-eu-west", provisioned.Provisioning!.ManagementCluster);
        Assert.Matches(@"^NAME\s+LAYER\s+REGION\s+SITE\s+PHASE\s+DESIRED", ready.Out.TrimEnd()); // the header, no row
        Assert.Single(ready.Out.TrimEnd().Split('\n'));
        Assert.Contains("phase 'Running' is not a lifecycle phase; use one of Declared, Provisioning, Provisioned, Joined, Ready, Failed, Deleting, Deleted, Removed",
            bogus.Error);
    }

    [Fact]
    public async Task ClustersGet_EdgeSite_ShowsInheritedFactsAndTheCnfAndVnf()
    {
        var run = await HubCli.RunAsync(["clusters", "get", "edge-muc-01", .. hub.Connection]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Region / site:      eu-central / muc-01", run.Out);
        Assert.Contains("Provider:           k3s   Kubernetes v1.30.4+k3s1", run.Out);
        Assert.Contains($"Desired:            {RenderedDigests()["edge-muc-01"]} (revision {hub.InitialSha})", run.Out);
        Assert.Matches(@"\nDeployment\s+ran-du\s+du\n", run.Out);
        Assert.Matches(@"\nVirtualMachine\s+ran-vrouter\s+vrouter\n", run.Out);
    }

    [Fact]
    public async Task Revisions_ExampleFleet_ListsTheCommitApplyingAllClusters()
    {
        var run = await HubCli.RunAsync(["revisions", .. hub.Connection]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"\n{hub.InitialSha[..12]}\s+Applied\s+30\s+30\s+CLI Test <cli@example.com>\s+example fleet\n", run.Out);
    }

    /// <summary>What FleetRenderer gives for the fixture's commit: the hub must serve exactly these.</summary>
    private Dictionary<string, string> RenderedDigests()
    {
        var loaded = FleetLoader.Load(hub.RepoPath);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var rendered = new FleetRenderer(loaded.Fleet!).RenderAll(new RenderOptions { Revision = hub.InitialSha });
        return rendered.Bundles.ToDictionary(b => b.ClusterName, b => b.Digest);
    }
}
