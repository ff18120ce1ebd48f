using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Targets;

public sealed class ClusterTargetFeedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NewRevision_AnnouncesChangedTargetsOnly(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        using var subscription = scenario.Host.Service<IClusterTargetFeed>().Subscribe();
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: platform\n");

        var revision = await scenario.CommitAndProcessAsync("edge only");
        var change = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        var target = (await scenario.Host.GetAsync<Edgeplane.Hub.Api.Contracts.ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster.Target;
        // Generation 1 came with the first commit; the target changed once since.
        Assert.Equal(new ClusterTargetChange("edge-site-1", target.Digest, revision.Sha, 2), change);
        Assert.False(subscription.Reader.TryRead(out _));
        var targets = await scenario.Host.Service<IClusterStore>().ListTargetsAsync(default);
        Assert.Equal(["cloud-eu", "edge-site-1", "regional-eu-1"], targets.Select(t => t.Cluster));
        Assert.Equal([1L, 2L, 1L], targets.Select(t => t.Generation));
    }

    [PostgresFact]
    public async Task Postgres_ChangeAppliedByOneReplica_ReachesAnotherReplicasFeed()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Postgres);
        using var otherData = new TempDirectory();
        await using var replica = await HubHost.StartAsync(scenario.Options with { DataDirectory = otherData.Path }, scenario.Token);
        using var subscription = replica.Service<IClusterTargetFeed>().Subscribe();
        await WaitForListenerAsync(replica, subscription);
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: platform\n");

        var revision = await scenario.CommitAndProcessAsync("edge only");
        var change = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("edge-site-1", change.Cluster);
        Assert.Equal(revision.Sha, change.Revision);
    }

    [Fact]
    public void Subscriber_FallingTooFarBehind_DropsOldestAndFlagsOverflow()
    {
        var feed = new ClusterTargetFeed();
        using var subscription = feed.Subscribe();

        feed.Publish(Enumerable.Range(0, ClusterTargetFeed.SubscriberCapacity + 1).Select(i => new ClusterTargetChange($"c{i}", "sha256:x", "r")));

        Assert.True(subscription.TakeOverflow());
        Assert.False(subscription.TakeOverflow());
        Assert.True(subscription.Reader.TryRead(out var first));
        Assert.Equal("c1", first.Cluster);
    }

    [Fact]
    public void TargetNotification_LargeBatch_SplitsUnderPayloadLimitAndRoundTrips()
    {
        var changes = Enumerable.Range(0, 500)
            .Select(i => new ClusterTargetChange($"edge-site-{i:D5}", i % 7 == 0 ? null : $"sha256:{new string('a', 64)}", "0123456789abcdef0123456789abcdef01234567", i))
            .ToList();

        var payloads = TargetNotification.Encode(changes).ToList();

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= TargetNotification.MaxPayloadBytes));
        Assert.Equal(changes, payloads.SelectMany(TargetNotification.Decode));
    }

    // The replica's LISTEN starts in the background: prove it listens by sending a probe through the same channel.
    private static async Task WaitForListenerAsync(HubHost replica, ClusterTargetSubscription subscription)
    {
        var settings = replica.Service<StoreSettings>();
        while (true)
        {
            await using (var connection = new Npgsql.NpgsqlConnection(settings.ConnectionString))
            {
                await connection.OpenAsync();
                await using var notify = new Npgsql.NpgsqlCommand($"SELECT pg_notify('{TargetNotification.Channel}', 'probe\t-\t-')", connection);
                await notify.ExecuteNonQueryAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                var probe = await subscription.Reader.ReadAsync(wait.Token);
                Assert.Equal("probe", probe.Cluster);
                return;
            }
            catch (OperationCanceledException)
            {
                // not listening yet; send another probe
            }
        }
    }
}
