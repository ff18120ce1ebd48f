using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

public sealed class RevisionsApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NewCommit_OnPollInterval_BecomesDesiredForChangedClustersOnly(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site-settings\n  namespace: platform\ndata:\n  site: s1-changed\n");

        var revision = await scenario.CommitAndProcessAsync("change edge site settings");

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal(1, revision.ChangedClusterCount);
        var after = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters");
        var edge = after.Items.Single(c => c.Name == "edge-site-1");
        Assert.NotEqual(before["edge-site-1"], edge.Desired.Digest);
        Assert.Equal(revision.Sha, edge.Desired.Revision);
        Assert.All(after.Items.Where(c => c.Name != "edge-site-1"), c =>
        {
            Assert.Equal(before[c.Name], c.Desired.Digest);
            Assert.Equal(scenario.InitialSha, c.Desired.Revision);
        });
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadCommit_MalformedYaml_FailsWithFileLineAndKeepsDesired(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.Write("common/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");

        var revision = await scenario.CommitAndProcessAsync("break YAML");

        Assert.Equal(RevisionState.Failed, revision.State);
        var error = Assert.Single(revision.Errors);
        Assert.Equal("common/broken.yaml", error.File);
        Assert.Equal("InvalidYaml", error.Code);
        Assert.True(error.Line >= 4, $"line {error.Line}");
        Assert.StartsWith("invalid YAML", error.Message);
        Assert.Equal(before, await scenario.Host.DesiredDigestsAsync());
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        Assert.Equal(scenario.InitialSha, fleet.CurrentRevision!.Sha);
        Assert.Equal(revision.Sha, fleet.LastError!.Sha);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadCommit_ValidationError_FailsWithLocationAndKeepsDesired(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.Write("more/cluster.yaml", "# a cluster without a layer\napiVersion: edgeplane.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: edge-site-2\nspec:\n  region: eu\n");

        var revision = await scenario.CommitAndProcessAsync("add a cluster without layer");

        Assert.Equal(RevisionState.Failed, revision.State);
        var error = Assert.Single(revision.Errors);
        Assert.Equal(("more/cluster.yaml", 2, 1), (error.File, error.Line, error.Column));
        Assert.Equal("Cluster 'edge-site-2': spec.layer is required", error.Message);
        Assert.Equal(before, await scenario.Host.DesiredDigestsAsync());
        Assert.Equal("1 error(s); the last good revision stays desired", revision.Reason);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmptiedRepo_IsHeldUntilApproved_ThenClustersAreRemoved(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        scenario.Repo.DeleteAll();

        var held = await scenario.CommitAndProcessAsync("delete everything");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it removes 3 cluster(s) from the fleet: cloud-eu, edge-site-1, regional-eu-1", held.Reason);
        Assert.Contains($"edgeplane revisions approve {held.Sha}", held.Reason);
        Assert.Equal(before, await scenario.Host.DesiredDigestsAsync());

        using var approve = await scenario.Host.Client.PostAsync($"/api/v1/revisions/{held.Sha}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var applied = await scenario.Host.WaitForRevisionAsync(held.Sha);

        Assert.Equal(RevisionState.Applied, applied.State);
        Assert.Equal("token:admin", applied.ApprovedBy);
        Assert.Empty(await scenario.Host.DesiredDigestsAsync());
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.Contains(audit.Items, a => a is { Action: "revision.approve", Actor: "token:admin", Outcome: "Succeeded" } && a.Target == held.Sha);
        Assert.Contains(audit.Items, a => a is { Action: "revision.process", Outcome: "Held" } && a.Target == held.Sha);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ClusterEmptied_IsHeld(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Delete("common/namespace.yaml");
        scenario.Repo.Delete("clusters/edge-site-1/configmap.yaml");

        var held = await scenario.CommitAndProcessAsync("remove every object");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it leaves 3 cluster(s) with zero objects: cloud-eu, edge-site-1, regional-eu-1", held.Reason);
    }

    [Fact]
    public async Task Approve_RevisionNotHeld_Returns409AndIsAudited()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.PostAsync($"/api/v1/revisions/{scenario.InitialSha}/approve", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"revision {scenario.InitialSha} is Applied; only a Held revision can be approved",
            (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.Contains(audit.Items, a => a is { Action: "revision.approve", Outcome: "Failed" });
    }

    [Fact]
    public async Task Approve_WithoutToken_Returns401()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.PostAsync($"/api/v1/revisions/{scenario.InitialSha}/approve", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ForcePush_IsDetectedAndRecorded(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: platform\n");
        var first = await scenario.CommitAndProcessAsync("add extra");
        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra2\n  namespace: platform\n");
        var rewritten = scenario.Repo.Amend("add extra, rewritten");

        await scenario.Host.AdvancePollIntervalAsync(scenario.Options.PollInterval, rewritten);
        var revision = await scenario.Host.WaitForRevisionAsync(rewritten);

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal(first.Sha, revision.RewroteFrom);
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        var entry = Assert.Single(audit.Items, a => a.Action == "source.history-rewritten");
        Assert.Equal($"new head {rewritten} does not descend from the previous head {first.Sha} (force push or rewritten history)", entry.Details);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListRevisions_RecordsEveryCommitWithAuthorAndMessage(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        scenario.Repo.Commit("intermediate");
        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: platform\n");
        var last = await scenario.CommitAndProcessAsync("last");

        var page = await scenario.Host.GetAsync<PageResponse<RevisionResponse>>("/api/v1/revisions?limit=2");
        var rest = await scenario.Host.GetAsync<PageResponse<RevisionResponse>>($"/api/v1/revisions?limit=2&continue={page.Continue}");

        Assert.Equal(["last", "intermediate"], page.Items.Select(r => r.Message));
        Assert.Equal([RevisionState.Applied, RevisionState.Superseded], page.Items.Select(r => r.State));
        Assert.Equal(last.Sha, page.Items[0].Sha);
        Assert.Equal("Test Author <author@example.com>", page.Items[0].Author);
        Assert.Equal(["initial fleet"], rest.Items.Select(r => r.Message));
        Assert.Null(rest.Continue);
    }

    [Fact]
    public async Task GetRevision_ByShortPrefix_ReturnsIt_UnknownReturns404()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        var revision = await scenario.Host.GetAsync<RevisionResponse>($"/api/v1/revisions/{scenario.InitialSha[..8]}");
        using var missing = await scenario.Host.Client.GetAsync("/api/v1/revisions/0000000");

        Assert.Equal(scenario.InitialSha, revision.Sha);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
