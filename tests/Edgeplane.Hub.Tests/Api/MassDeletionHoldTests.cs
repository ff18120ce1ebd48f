using System.Net;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// Issue #10 item 7 through a real Git repo and store: a revision that deletes more than <c>MaxDeletionShare</c> of a
/// cluster's objects is held until approved. edge-site-1 starts with 10 objects: the namespace, site-settings and 8
/// ConfigMaps of its own.
/// </summary>
public sealed class MassDeletionHoldTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SixOfTenObjectsDeleted_HeldNamingCluster_ApproveApplies(StoreKind store)
    {
        await using var scenario = await StartWithTenObjectsAsync(store);
        var before = await scenario.Host.DesiredDigestsAsync();
        DeleteConfigMaps(scenario, 6);

        var held = await scenario.CommitAndProcessAsync("drop six config maps");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Equal("held: it deletes more than 50% of the objects on 1 cluster(s): edge-site-1 (6 of 10, 60%). Nothing changed. " +
            $"To accept it, an admin runs 'edgeplane revisions approve {held.Sha}' (POST /api/v1/revisions/{held.Sha}/approve).", held.Reason);
        Assert.Equal(before, await scenario.Host.DesiredDigestsAsync());
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");
        Assert.Contains(audit.Items, a => a is { Action: "revision.process", Outcome: "Held" } && a.Target == held.Sha);

        using var approve = await scenario.Host.Client.PostAsync($"/api/v1/revisions/{held.Sha}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var applied = await scenario.Host.WaitForRevisionAsync(held.Sha);

        Assert.Equal(RevisionState.Applied, applied.State);
        var edge = await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1");
        Assert.Equal((held.Sha, 4), (edge.Cluster.Desired.Revision, edge.DesiredBundle!.ObjectCount));
        var after = await scenario.Host.DesiredDigestsAsync();
        Assert.All(after.Where(c => c.Key != "edge-site-1"), c => Assert.Equal(before[c.Key], c.Value));
    }

    [Fact]
    public async Task ExactlyHalfDeleted_Applied()
    {
        await using var scenario = await StartWithTenObjectsAsync(StoreKind.Sqlite);
        DeleteConfigMaps(scenario, 5);

        var revision = await scenario.CommitAndProcessAsync("drop five config maps");

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal(1, revision.ChangedClusterCount);
    }

    [Fact]
    public async Task EveryObjectOfTheClusterRenamed_Held()
    {
        await using var scenario = await StartWithTenObjectsAsync(StoreKind.Sqlite);
        for (var i = 0; i < 8; i++)
        {
            scenario.Repo.Delete($"clusters/edge-site-1/cm-{i}.yaml");
            scenario.Repo.Write($"clusters/edge-site-1/renamed-{i}.yaml", ConfigMap($"renamed-{i}"));
        }
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", ConfigMap("site-settings-v2"));

        var held = await scenario.CommitAndProcessAsync("rename every config map");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it deletes more than 50% of the objects on 1 cluster(s): edge-site-1 (9 of 10, 90%)", held.Reason);
    }

    [Fact]
    public async Task ConfiguredShare_SixtyPercentUnderSeventy_Applied_NinetyHeld()
    {
        await using var scenario = await StartWithTenObjectsAsync(StoreKind.Sqlite,
            o => o with { Limits = o.Limits with { MaxDeletionShare = 0.7 } });
        DeleteConfigMaps(scenario, 6);

        var applied = await scenario.CommitAndProcessAsync("drop six config maps");
        for (var i = 0; i < 20; i++)
        {
            scenario.Repo.Write($"clusters/edge-site-1/more-{i}.yaml", ConfigMap($"more-{i}"));
        }
        await scenario.CommitAndProcessAsync("twenty more");
        for (var i = 0; i < 17; i++)
        {
            scenario.Repo.Delete($"clusters/edge-site-1/more-{i}.yaml");
        }
        var held = await scenario.CommitAndProcessAsync("drop seventeen of twenty-four");

        Assert.Equal(RevisionState.Applied, applied.State);
        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it deletes more than 70% of the objects on 1 cluster(s): edge-site-1 (17 of 24, 70.8%)", held.Reason);
    }

    [Fact]
    public async Task BundleStoredBeforeIdentitiesWereRecorded_ReadFromTheBundle_StillHeld()
    {
        await using var scenario = await StartWithTenObjectsAsync(StoreKind.Sqlite);
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(scenario.Temp.Sub("data"), "hub.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "DELETE FROM bundle_identities";
            Assert.True(await command.ExecuteNonQueryAsync() > 0);
        }
        DeleteConfigMaps(scenario, 6);

        var held = await scenario.CommitAndProcessAsync("drop six config maps");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("edge-site-1 (6 of 10, 60%)", held.Reason);
    }

    private static async Task<HubScenario> StartWithTenObjectsAsync(StoreKind store, Func<HubOptions, HubOptions>? configure = null)
    {
        var scenario = await HubScenario.StartAsync(store, configure: configure);
        for (var i = 0; i < 8; i++)
        {
            scenario.Repo.Write($"clusters/edge-site-1/cm-{i}.yaml", ConfigMap($"cm-{i}"));
        }
        var added = await scenario.CommitAndProcessAsync("eight config maps for edge-site-1");
        Assert.Equal(RevisionState.Applied, added.State);
        var edge = await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1");
        Assert.Equal(10, edge.DesiredBundle!.ObjectCount);
        return scenario;
    }

    private static void DeleteConfigMaps(HubScenario scenario, int count)
    {
        for (var i = 0; i < count; i++)
        {
            scenario.Repo.Delete($"clusters/edge-site-1/cm-{i}.yaml");
        }
    }

    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: platform\n";
}
