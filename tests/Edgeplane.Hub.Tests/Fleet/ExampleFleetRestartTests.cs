using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Model.Sources;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>Issue #4 on the real compiler: nothing is lost across a restart; the fleet read is bounded by HubLimits.FleetLoad.</summary>
public sealed class ExampleFleetRestartTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Restart_SameDataFolder_KeepsDigestsRevisionsErrorsAndAudit(StoreKind store)
    {
        await using var hub = await ExampleFleetHub.StartAsync(store);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        ExampleFleet.ReplaceOnce(hub.Repo, "fleet.yaml", ExampleFleet.MucSiteVariable, ExampleFleet.MucSiteVariable.Replace("eu02", "eu92", StringComparison.Ordinal));
        var good = await hub.CommitThroughWebhookAsync("muc-01: new site id");
        ExampleFleet.ReplaceOnce(hub.Repo, "clusters/cloud/aks-us-east.yaml", "  provider: aks\n", "  provider: aks\n  kubernetesVersoin: v1.31.2\n");
        var bad = await hub.CommitOnIntervalAsync("pin aks-us-east (typo)");
        Assert.Equal((RevisionState.Applied, RevisionState.Failed), (good.State, bad.State));
        var before = await SnapshotAsync(hub);

        await hub.RestartAsync();
        var after = await SnapshotAsync(hub);

        Assert.Null(hub.Host.AdminToken); // the store still has the admin token; the old one still works
        Assert.Equal(before.Clusters, after.Clusters);
        Assert.Equal(before.Revisions, after.Revisions);
        Assert.Equal(before.Errors, after.Errors);
        Assert.Equal(before.Fleet, after.Fleet);
        Assert.Equal(before.Audit, after.Audit);
        Assert.Equal(3, before.Revisions.Count);
        Assert.Equal("edge-muc-01", Assert.Single(before.Clusters, c => c.Desired.Revision == good.Sha).Name);
        Assert.Equal("clusters/cloud/aks-us-east.yaml:11:3", Assert.Single(before.Errors));
    }

    [Fact]
    public async Task FleetLoadLimit_MoreFilesThanAllowed_FailsNamingTheLimit()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite,
            o => o with { Limits = new HubLimits { FleetLoad = new LoadLimits { MaxFiles = 20 } } });

        var revision = await hub.Host.WaitForRevisionAsync(hub.InitialSha);

        Assert.Equal(RevisionState.Failed, revision.State);
        // The loader reads files in parallel and reports each file it refused (which ones varies from run to run),
        // plus what went missing with them (e.g. the Fleet itself).
        Assert.Contains(revision.Errors, e => (e.Code, e.Message) == ("LimitExceeded", "the repo has more than 20 files to read (MaxFiles)"));
        Assert.Empty(await hub.ClustersAsync());
    }

    private static async Task<Snapshot> SnapshotAsync(ExampleFleetHub hub)
    {
        var clusters = (await hub.ClustersAsync()).Values.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ClusterState(c.Name, c.Desired, c.Target)).ToList();
        var revisions = await hub.Host.GetAsync<PageResponse<RevisionResponse>>("/api/v1/revisions");
        var errors = new List<string>();
        foreach (var revision in revisions.Items)
        {
            var detail = await hub.Host.GetAsync<RevisionResponse>($"/api/v1/revisions/{revision.Sha}");
            errors.AddRange(detail.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}"));
        }
        var fleet = await hub.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        var audit = await hub.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000");
        return new Snapshot(clusters,
            revisions.Items.Select(r => (r.Sha, r.State, r.Reason, r.ProcessedAt, r.ClusterCount, r.ChangedClusterCount)).ToList(),
            errors, (fleet.CurrentRevision?.Sha, fleet.LastError?.Sha, fleet.Total.Clusters), audit.Items.ToList());
    }

    private sealed record ClusterState(string Name, DigestRef Desired, DigestRef Target);

    private sealed record Snapshot(
        List<ClusterState> Clusters,
        List<(string, RevisionState, string?, DateTime?, int?, int?)> Revisions,
        List<string> Errors,
        (string?, string?, int) Fleet,
        List<AuditEntryResponse> Audit);
}
