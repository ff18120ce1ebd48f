using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Fleet;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Rollouts;

/// <summary>
/// The example fleet on a hub with a fake clock and a rollout policy the test writes, plus fake agents: each cluster's
/// "agent" reports, when asked, that it applied its current target with the health the test decides. The engine's own
/// timer is set to a day, so the test steps the runs itself (a revision or a control action still wakes the engine;
/// steps are idempotent, so an extra one changes nothing the test did not expect).
/// </summary>
internal sealed class RolloutFleet : IAsyncDisposable
{
    /// <summary>canary → edge → regional → cloud, 2 at a time, 1 min soak, 5 min to be healthy, roll back at the first failure.</summary>
    public const string FourWaves = """
        apiVersion: edgeplane.dev/v1alpha1
        kind: Rollout
        metadata: {name: default}
        spec:
          maxUnavailable: 2
          soakTime: 1m
          waves:
            - name: canary
              target: {selector: {matchLabels: {rollout.acme.example.net/canary: "true"}}}
            - name: edge
              target: {layers: [edge]}
            - name: regional
              target: {layers: [regional]}
            - name: cloud
              target: {layers: [cloud]}
          healthGates:
            - {name: bundles-healthy, minHealthyPercent: 100, timeout: 5m}
          rollback: {automatic: true, maxFailures: 0}
        """;

    private long _sequence;

    private RolloutFleet(ExampleFleetHub hub) => Hub = hub;

    public ExampleFleetHub Hub { get; }

    public HubHost Host => Hub.Host;

    /// <summary>Health each agent reports for its target digest; default Healthy.</summary>
    public Func<string, string?, string> Health { get; set; } = (_, _) => "Healthy";

    /// <summary>The Kubernetes version each agent reports; default the version the hub declares for the cluster.</summary>
    public Func<ClusterResponse, string?> KubernetesVersion { get; set; } = c => c.KubernetesVersion;

    /// <summary>Whether each agent reports its nodes Ready at the server's version (the NodesReady condition); default yes.</summary>
    public Func<ClusterResponse, bool> NodesReady { get; set; } = _ => true;

    /// <summary>Clusters whose agent is offline: they report nothing and their link is down.</summary>
    public HashSet<string> Offline { get; } = new(StringComparer.Ordinal);

    public static async Task<RolloutFleet> StartAsync(StoreKind store, string policy = FourWaves)
    {
        var hub = await ExampleFleetHub.StartAsync(store, o => o with { Rollouts = new RolloutOptions { StepInterval = TimeSpan.FromDays(1) } });
        var fleet = new RolloutFleet(hub);
        Assert.Equal(RevisionState.Applied, (await hub.Host.WaitForRevisionAsync(hub.InitialSha)).State);
        await fleet.ReportAsync();
        hub.Repo.Write("rollouts/default.yaml", policy);
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("rollout policy for the test")).State);
        Assert.Empty((await fleet.RolloutsAsync()).Items);
        return fleet;
    }

    /// <summary>Changes a file, commits, and waits for the revision to be applied; returns its sha.</summary>
    public async Task<string> CommitAsync(string file, string from, string to, string message)
    {
        var path = Path.Combine(Hub.Repo.Path, file);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        Hub.Repo.Write(file, text.Replace(from, to, StringComparison.Ordinal));
        var revision = await Hub.CommitOnIntervalAsync(message);
        Assert.Equal(RevisionState.Applied, revision.State);
        return revision.Sha;
    }

    /// <summary>Every online agent reports its target as applied, with <see cref="Health"/>, and its link as Online.</summary>
    public async Task ReportAsync()
    {
        var clusters = await Hub.ClustersAsync();
        var now = Host.Time.GetUtcNow().UtcDateTime;
        var online = clusters.Values.Where(c => !Offline.Contains(c.Name)).ToList();
        // The availability monitor renews this hub's lease on the fake clock whenever it gets to run; renew it here at
        // the current fake time, so that an online agent's link is live for the engine however far the test moved the clock.
        await Host.Service<IInstanceLeaseStore>().RenewAsync(Host.Service<HubInstance>(), now, CancellationToken.None);
        var agents = Host.Service<IAgentStateStore>();
        await agents.WriteAgentStateAsync(new AgentStateBatch(
            online.Where(c => c.Connection.State != "Online").Select(c => new AgentClaim(c.Name, "test-" + c.Name, "test", now)).ToList(),
            online.Where(c => c.Connection.State != "Online").Select(c => new AvailabilityChange(c.Name, "test-" + c.Name, "Online", now, "Connected"))
                .Concat(clusters.Values.Where(c => Offline.Contains(c.Name) && c.Connection.State != "Offline")
                    .Select(c => new AvailabilityChange(c.Name, "test-" + c.Name, "Offline", now, "HeartbeatsMissed")))
                .ToList(),
            online.Select(c => c.Name).ToList(), now, Host.Service<HubInstance>().Id), CancellationToken.None);
        await agents.RecordStatusBatchAsync(online.Select(c => new ClusterStatusReport(c.Name, ++_sequence, now, c.Target.Digest,
            KubernetesVersion(c), Health(c.Name, c.Target.Digest), false,
            [new ClusterCondition("NodesReady", NodesReady(c) ? "True" : "False", "NodesReady", "the fake agent's nodes")])).ToList(), CancellationToken.None);
    }

    /// <summary>Agents report, then the engine steps every active run once; returns how many are still active.</summary>
    public async Task<int> StepAsync()
    {
        await ReportAsync();
        var options = Hub.Options.Rollouts;
        return await Host.Service<IRolloutStore>().StepAsync(
            new RunStepSettings(options.DefaultHealthTimeout, options.OfflineGrace, DateTime.MinValue), CancellationToken.None);
    }

    /// <summary>Steps, advancing the clock by <paramref name="tick"/> between steps, until no run is active (at most <paramref name="steps"/> steps).</summary>
    public async Task RunToEndAsync(TimeSpan tick, int steps = 200)
    {
        for (var i = 0; i < steps; i++)
        {
            if (await StepAsync() == 0)
            {
                return;
            }
            Host.Time.Advance(tick);
        }
        Assert.Fail($"the rollout did not end within {steps} steps");
    }

    public Task<PageResponse<RolloutResponse>> RolloutsAsync() => Host.GetAsync<PageResponse<RolloutResponse>>("/api/v1/rollouts");

    /// <summary>The newest run, which must be for <paramref name="sha"/>.</summary>
    public async Task<RolloutResponse> RolloutOfAsync(string sha)
    {
        var newest = (await RolloutsAsync()).Items[0];
        Assert.Equal(sha, newest.Revision);
        return await Host.GetAsync<RolloutResponse>($"/api/v1/rollouts/{newest.Id}");
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
