using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Rollouts;

/// <summary>docs/rollouts.md, "Waves" and "Rollback": the order of waves, pacing, the gate, and rollback at the canary.</summary>
public sealed class RolloutWaveTests
{
    private const string Istio = "addons/istio/addon.yaml";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GoodChange_PassesEveryWaveInOrder_OneWaveAfterTheOther(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var before = await fleet.Hub.ClustersAsync();

        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");

        // The commit is desired everywhere; only the canaries may have moved (the engine wakes on the new run).
        var held = await fleet.Hub.ClustersAsync();
        Assert.All(held.Values, c => Assert.NotEqual(before[c.Name].Desired.Digest, c.Desired.Digest));
        Assert.All(held.Values.Where(c => !c.Labels.ContainsKey("rollout.acme.example.net/canary")),
            c => Assert.Equal(before[c.Name].Target.Digest, c.Target.Digest));
        var maxInFlight = 0;
        for (var i = 0; i < 100 && await fleet.StepAsync() > 0; i++)
        {
            var run = await fleet.RolloutOfAsync(sha);
            maxInFlight = Math.Max(maxInFlight, run.Waves.Max(w => w.Members.Count(m => m.State == "Moving")));
            fleet.Host.Time.Advance(TimeSpan.FromSeconds(20));
        }

        var done = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Succeeded, done.State);
        Assert.Equal(["canary", "edge", "regional", "cloud"], done.Waves.Select(w => w.Name));
        Assert.Equal(["edge-iad-01", "edge-muc-01"], done.Waves[0].Clusters.Order());
        Assert.All(done.Waves, w => Assert.Equal("Succeeded", w.State));
        for (var i = 1; i < done.Waves.Count; i++)
        {
            Assert.True(done.Waves[i - 1].FinishedAt <= done.Waves[i].StartedAt, $"wave {done.Waves[i].Name} started before {done.Waves[i - 1].Name} finished");
            Assert.True(done.Waves[i - 1].FinishedAt >= done.Waves[i - 1].SoakUntil, "a wave ended before its soak");
        }
        Assert.Equal(2, maxInFlight); // maxUnavailable: 2
        Assert.Contains("istio 1.23.2 → 1.23.3", done.Changes);
        var after = await fleet.Hub.ClustersAsync();
        Assert.All(after.Values, c => Assert.Equal(c.Desired.Digest, c.Target.Digest));
        Assert.Equal(after.Count, done.Waves.Sum(w => w.Clusters.Count));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NeverReadyChange_FailsAtTheCanary_RollsBackByItself_AndNoLaterWaveIsTouched(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var before = await fleet.Hub.ClustersAsync();
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.99.0\"", "istio 1.99.0");
        var bad = (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Desired.Digest);
        fleet.Health = (cluster, digest) => digest == bad[cluster] ? "Progressing" : "Healthy";

        await fleet.RunToEndAsync(TimeSpan.FromMinutes(1));

        var run = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.RolledBack, run.State);
        Assert.Contains("wave canary", run.Reason);
        Assert.Contains("not healthy within 5m", run.Reason);
        Assert.Equal("Failed", run.Waves[0].State);
        Assert.All(run.Waves.Skip(1), w => Assert.Equal("Cancelled", w.State));
        Assert.All(run.Waves.Skip(1), w => Assert.Null(w.StartedAt));
        Assert.NotEmpty(run.FailedClusters);
        Assert.All(run.Waves[0].Members, m => Assert.Equal("RolledBack", m.State));
        var after = await fleet.Hub.ClustersAsync();
        Assert.All(after.Values, c => Assert.Equal(before[c.Name].Target.Digest, c.Target.Digest));
        Assert.All(after.Values, c => Assert.Equal(bad[c.Name], c.Desired.Digest)); // desired stays what Git says
        Assert.All(run.Waves[0].Clusters, c => Assert.Equal(run.Id, after[c].HeldByRollout));
        var audit = await fleet.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=500");
        Assert.Contains(audit.Items, a => a.Action == "rollout.rollback" && a.Outcome == "RolledBack");
        Assert.DoesNotContain(audit.Items, a => a.Action == "rollout.move" && !run.Waves[0].Clusters.Contains(a.Target));
    }

    /// <summary>
    /// <c>GET /rollouts?members=false</c>: the same runs without member rows (a run may have 10,000 members), each wave's
    /// progress in <c>memberStates</c>, which the full answer carries too.
    /// </summary>
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListWithoutMembers_CountsEachWavesStates_AsTheFullListHasThem(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.99.0\"", "istio 1.99.0");
        var bad = (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Desired.Digest);
        fleet.Health = (cluster, digest) => digest == bad[cluster] ? "Progressing" : "Healthy";
        await fleet.RunToEndAsync(TimeSpan.FromMinutes(1));

        var full = (await fleet.Host.GetAsync<PageResponse<RolloutResponse>>("/api/v1/rollouts")).Items.Single(r => r.Revision == sha);
        var light = (await fleet.Host.GetAsync<PageResponse<RolloutResponse>>("/api/v1/rollouts?members=false")).Items.Single(r => r.Revision == sha);

        Assert.Equal((full.Id, full.State, full.Reason, full.CurrentWave), (light.Id, light.State, light.Reason, light.CurrentWave));
        Assert.NotEmpty(light.FailedClusters);
        Assert.Equal(full.FailedClusters, light.FailedClusters);
        Assert.Equal(full.Waves.Select(w => (w.Name, w.State)), light.Waves.Select(w => (w.Name, w.State)));
        Assert.All(light.Waves, w => Assert.Empty(w.Members));
        Assert.All(light.Waves, w => Assert.Empty(w.Clusters));
        foreach (var (wave, counted) in full.Waves.Zip(light.Waves))
        {
            var expected = wave.Members.GroupBy(m => m.State).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(e => e.Key), wave.MemberStates.OrderBy(e => e.Key));
            Assert.Equal(expected.OrderBy(e => e.Key), counted.MemberStates.OrderBy(e => e.Key));
        }
        Assert.Equal(full.Waves[0].Members.Count, light.Waves[0].MemberStates["RolledBack"]);
    }
}
