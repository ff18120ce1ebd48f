using System.Net;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>
/// Issue #10 item 7 on the real compiler: workspace <c>analytics</c> of examples/fleet has two Applications (trino,
/// dashboards); a commit that removes both is held until approved, whether the Workspace stays declared or goes too.
/// </summary>
public sealed class ExampleFleetWorkspaceHoldTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryApplicationOfWorkspaceRemoved_HeldNamingIt_ApproveApplies(bool removeWorkspaceToo)
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        Assert.Equal(RevisionState.Applied, (await hub.Host.WaitForRevisionAsync(hub.InitialSha)).State);
        var before = await hub.ClustersAsync();
        hub.Repo.Delete("applications/trino.yaml");
        Directory.Delete(Path.Combine(hub.Repo.Path, "applications", "dashboards"), recursive: true);
        if (removeWorkspaceToo)
        {
            hub.Repo.Delete("workspaces/analytics.yaml");
        }

        var held = await hub.CommitOnIntervalAsync("retire analytics");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it removes every Application of 1 workspace(s): analytics (had 2)", held.Reason);
        Assert.Contains($"'edgeplane revisions approve {held.Sha}'", held.Reason);
        var unchanged = await hub.ClustersAsync();
        Assert.All(unchanged.Values, c => Assert.Equal(before[c.Name].Desired, c.Desired));

        using var approve = await hub.Host.Client.PostAsync($"/api/v1/revisions/{held.Sha}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var applied = await hub.Host.WaitForRevisionAsync(held.Sha);

        Assert.Equal(RevisionState.Applied, applied.State);
        var after = await hub.ClustersAsync();
        Assert.All(after.Values.Where(c => c.Layer == "cloud"), c => Assert.Equal(held.Sha, c.Desired.Revision));
        Assert.All(after.Values.Where(c => c.Layer != "cloud"), c => Assert.Equal(before[c.Name].Desired, c.Desired));
    }

    [Fact]
    public async Task OneOfTwoApplicationsRemoved_Applied()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        Assert.Equal(RevisionState.Applied, (await hub.Host.WaitForRevisionAsync(hub.InitialSha)).State);
        Directory.Delete(Path.Combine(hub.Repo.Path, "applications", "dashboards"), recursive: true);

        var revision = await hub.CommitOnIntervalAsync("drop dashboards");

        Assert.Equal(RevisionState.Applied, revision.State);
    }
}
