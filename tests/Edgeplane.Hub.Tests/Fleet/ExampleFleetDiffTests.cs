using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>A revision's diff on the real compiler: one add-on value changed for one site shows that cluster, object and field only.</summary>
public sealed class ExampleFleetDiffTests
{
    private const string OldUrl = "https://metrics.acme.example.net/api/v1/write";
    private const string NewUrl = "https://metrics-dub.acme.example.net/api/v1/write";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddOnValueChangedForOneSite_DiffShowsThatClusterObjectAndFieldOnly(StoreKind store)
    {
        await using var hub = await ExampleFleetHub.StartAsync(store);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var before = await hub.ClustersAsync();
        ExampleFleet.ReplaceOnce(hub.Repo, "clusters/edge/eu-west/dub-01.yaml", "      values: {useEmulation: true}\n",
            $"      values: {{useEmulation: true}}\n    monitoring-agent:\n      values: {{remoteWriteUrl: {NewUrl}}}\n");
        var revision = await hub.CommitOnIntervalAsync("dub-01: its own metrics endpoint");

        var diff = await hub.Host.GetAsync<RevisionDiffResponse>($"/api/v1/revisions/{revision.Sha}/diff");

        Assert.Equal((RevisionState.Applied, 1), (revision.State, revision.ChangedClusterCount));
        Assert.Equal((new RevisionDiffBase(hub.InitialSha), new DiffCounts(0, 0, 1)), (diff.Base, diff.Counts));
        var dub = Assert.Single(diff.Clusters);
        Assert.Equal(("edge-dub-01", "changed", before["edge-dub-01"].Desired.Digest), (dub.Name, dub.Change, dub.From));
        Assert.Equal((new DiffCounts(0, 0, 1), 0), (dub.Objects, dub.OmittedObjects));
        var config = Assert.Single(dub.Changed);
        Assert.Equal("v1/ConfigMap/monitoring/monitoring-agent", config.Id);
        var field = Assert.Single(config.Fields);
        Assert.Equal("data[agent.yaml]", field.Path);
        Assert.Equal(((string)field.Old!).Replace(OldUrl, NewUrl, StringComparison.Ordinal), (string?)field.New);
        Assert.Contains(OldUrl, (string)field.Old!, StringComparison.Ordinal);
    }
}
