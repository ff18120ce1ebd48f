using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>
/// Issue #4 on the real compiler: a bad commit to examples/fleet changes no cluster's desired digest or revision, and
/// its errors reach the API with file, line and column.
/// </summary>
public sealed class ExampleFleetBadCommitTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MalformedYaml_FailsWithFileLineColumn_NothingChanges(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        ExampleFleet.ReplaceOnce(hub.Repo, "clusters/edge/eu-central/muc-01.yaml", "  region: eu-central", "  region: [eu-central");

        var revision = await hub.CommitOnIntervalAsync("break muc-01");

        await AssertFailedAsync(hub, before, revision, new RevisionErrorResponse("clusters/edge/eu-central/muc-01.yaml", 11, 11, "InvalidYaml",
            "invalid YAML: malformed flow collection or scalar after this point"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnknownField_FailsWithFileLineColumnAndSuggestion_NothingChanges(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        ExampleFleet.ReplaceOnce(hub.Repo, "clusters/cloud/aks-us-east.yaml", "  provider: aks\n", "  provider: aks\n  kubernetesVersoin: v1.31.2\n");

        var revision = await hub.CommitOnIntervalAsync("pin aks-us-east (typo)");

        await AssertFailedAsync(hub, before, revision, new RevisionErrorResponse("clusters/cloud/aks-us-east.yaml", 11, 3, "UnknownField",
            "Cluster \"aks-us-east\": unknown field \"spec.kubernetesVersoin\"; did you mean \"kubernetesVersion\"?"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PolicyViolation_RanApplicationWritesIntoForeignNamespace_RanRejected_ItsLastGoodObjectsStay_NothingChanges(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        AddRanProbe(hub);

        var revision = await hub.CommitOnIntervalAsync("ran: probe in kube-system");

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal(new RevisionErrorResponse("applications/ran-probe/manifests/probe.yaml", 1, 1, "NamespaceNotOwned",
            "Application \"ran-probe\": ConfigMap \"kube-system/probe\" is in namespace \"kube-system\", which Workspace \"ran\" does not own " +
            "(it owns ran-du, ran-vrouter); cluster \"edge-muc-01\""), Assert.Single(revision.Errors));
        Assert.StartsWith("workspace(s) ran rejected (1 violation(s))", revision.Reason, StringComparison.Ordinal);
        // The ran objects carried from the last good bundles render to the same bytes: no cluster's desired state moves.
        var after = await hub.ClustersAsync();
        Assert.All(after.Values, c => Assert.Equal(before[c.Name].Desired.Digest, c.Desired.Digest));
        var audit = await hub.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=policy.reject");
        var entry = Assert.Single(audit.Items);
        Assert.Equal(("hub", "workspace:ran", "Denied", "ran"), (entry.Actor, entry.Target, entry.Outcome, entry.Workspace));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task PolicyViolation_RanRejected_ItsOwnChangeWaits_WhileAnotherWorkspacesChangeLands(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        AddRanProbe(hub);
        ExampleFleet.ReplaceOnce(hub.Repo, "network-functions/du.yaml", "  version: \"5.2.1\"", "  version: \"5.3.0\"");
        ExampleFleet.ReplaceOnce(hub.Repo, "applications/trino.yaml", "        server: {workers: 4}", "        server: {workers: 6}");

        var revision = await hub.CommitOnIntervalAsync("ran: probe and a DU bump; analytics: more trino workers in us-east");

        Assert.Equal(RevisionState.Applied, revision.State);
        var after = await hub.ClustersAsync();
        Assert.NotEqual(before["aks-us-east"].Desired.Digest, after["aks-us-east"].Desired.Digest);
        var ranSites = before.Values.Where(c => c.Layer == "edge").Select(c => c.Name).ToList();
        Assert.NotEmpty(ranSites);
        Assert.All(ranSites, name => Assert.Equal(before[name].Desired.Digest, after[name].Desired.Digest));
        var bundle = await hub.Host.GetAsync<System.Text.Json.JsonElement>($"/api/v1/bundles/{after["edge-muc-01"].Desired.Digest}");
        Assert.Contains("registry.acme.example.net/ran/du:5.2.1", bundle.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("ran/du:5.3.0", bundle.GetRawText(), StringComparison.Ordinal);
    }

    private static void AddRanProbe(ExampleFleetHub hub)
    {
        var fixture = ExampleFleet.Fixture("ran-probe");
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            hub.Repo.Write(Path.Combine("applications", "ran-probe", Path.GetRelativePath(fixture, file)), File.ReadAllText(file));
        }
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HostileTreeEntry_FailsNamingThePath_NothingWrittenNothingChanges(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        var pwned = hub.Temp.Sub("PWNED-dotdot.txt");
        var dotdot = hub.Repo.RawTree([RawTreeEntry.File("PWNED-dotdot.txt", hub.Repo.Blob("pwned\n"))]);
        var sha = hub.Repo.CommitRaw("hostile: a '..' tree", RawTreeEntry.Folder("..", dotdot));

        await hub.Host.AdvancePollIntervalAsync(hub.Options.PollInterval, sha);
        var revision = await hub.Host.WaitForRevisionAsync(sha);

        await AssertFailedAsync(hub, before, revision, new RevisionErrorResponse("..", 0, 0, "CheckoutFailed",
            "refusing to check out the commit: the tree entry '..' cannot be written safely: its name has the name '..' (Git fsck: hasDotdot). " +
            "Nothing was written; the last good revision stays."));
        Assert.False(File.Exists(pwned));
        Assert.False(File.Exists(Path.Combine(hub.Temp.Sub("data"), "PWNED-dotdot.txt")));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EmptiedRepo_FailsForMissingFleet_NoClusterIsRemoved(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        hub.Repo.DeleteAll();

        var revision = await hub.CommitOnIntervalAsync("delete everything");

        await AssertFailedAsync(hub, before, revision, new RevisionErrorResponse("fleet.yaml", 0, 0, "MissingFleet",
            "the repo has no Fleet resource: add one (kind: Fleet) in a file at the repo root, e.g. fleet.yaml"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryEdgeClusterDeleted_IsHeldListingThem_NothingChanges(StoreKind store)
    {
        await using var hub = await StartedAsync(store);
        var before = await hub.ClustersAsync();
        Directory.Delete(Path.Combine(hub.Repo.Path, "clusters", "edge"), recursive: true);

        var revision = await hub.CommitOnIntervalAsync("drop the edge");

        Assert.Equal(RevisionState.Held, revision.State);
        var edge = before.Values.Where(c => c.Layer == "edge").Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(24, edge.Count);
        // edge-lux-01 is made by Cluster API on eks-eu-west (deletionPolicy Retain by default): the hold says it keeps running.
        Assert.Equal($"held: it removes 24 cluster(s) from the fleet: {string.Join(", ", edge)}; and 1 Cluster API cluster(s) keep running: " +
            "edge-lux-01 (deletionPolicy Retain: its Cluster API objects stay on eks-eu-west, no longer managed). Nothing changed. To accept it, " +
            $"an admin runs 'edgeplane revisions approve {revision.Sha}' (POST /api/v1/revisions/{revision.Sha}/approve).", revision.Reason);
        await AssertNothingChangedAsync(hub, before, revision);
    }

    private static async Task<ExampleFleetHub> StartedAsync(StoreKind store)
    {
        var hub = await ExampleFleetHub.StartAsync(store);
        Assert.Equal(RevisionState.Applied, (await hub.Host.WaitForRevisionAsync(hub.InitialSha)).State);
        return hub;
    }

    private static async Task AssertFailedAsync(ExampleFleetHub hub, Dictionary<string, ClusterResponse> before, RevisionResponse revision,
        RevisionErrorResponse expected)
    {
        Assert.Equal(RevisionState.Failed, revision.State);
        Assert.Equal(expected, Assert.Single(revision.Errors));
        Assert.Equal("1 error(s); the last good revision stays desired", revision.Reason);
        await AssertNothingChangedAsync(hub, before, revision);
    }

    private static async Task AssertNothingChangedAsync(ExampleFleetHub hub, Dictionary<string, ClusterResponse> before, RevisionResponse revision)
    {
        var after = await hub.ClustersAsync();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(after.Values, c => Assert.Equal((before[c.Name].Desired, before[c.Name].Target), (c.Desired, c.Target)));
        var fleet = await hub.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        Assert.Equal(hub.InitialSha, fleet.CurrentRevision!.Sha);
        Assert.Equal(revision.Sha, fleet.LastError!.Sha);
        Assert.Equal(ExampleFleet.ClusterCount, fleet.Total.Clusters);
        var audit = await hub.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.Contains(audit.Items, a => a.Action == "revision.process" && a.Target == revision.Sha && a.Outcome == revision.State.ToString());
    }
}
