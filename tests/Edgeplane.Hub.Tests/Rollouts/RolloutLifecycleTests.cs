using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Rollouts;

/// <summary>docs/rollouts.md: windows, a newer commit during a run, a hub restart mid-wave, offline clusters.</summary>
public sealed class RolloutLifecycleTests
{
    private const string Istio = "addons/istio/addon.yaml";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Windows_NothingMovesOutsideOne_TheRunSaysWhichOpensNext(StoreKind store)
    {
        // A window of one hour every day at 03:00 UTC; the fake clock starts at the real now, so move it just past a window.
        var policy = RolloutFleet.FourWaves.Replace("  rollback:",
            "  maintenanceWindows:\n    - {name: nightly, schedule: \"0 3 * * *\", duration: 1h, timeZone: UTC}\n  rollback:", StringComparison.Ordinal);
        await using var fleet = await RolloutFleet.StartAsync(store, policy);
        var now = fleet.Host.Time.GetUtcNow().UtcDateTime;
        var afterWindow = now.Date.AddHours(now.Hour >= 4 ? 28 : 4).AddMinutes(1);
        fleet.Host.Time.Advance(afterWindow - now);
        var targets = (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Target.Digest);

        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        for (var i = 0; i < 20; i++)
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromMinutes(30)); // 10 hours, all outside 03:00-04:00
        }

        var waiting = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.WaitingForWindow, waiting.State);
        Assert.Contains("maintenance window nightly", waiting.Reason);
        Assert.Equal(targets, (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Target.Digest));

        var open = afterWindow.Date.AddDays(1).AddHours(3).AddMinutes(1);
        fleet.Host.Time.Advance(open - fleet.Host.Time.GetUtcNow().UtcDateTime);
        await fleet.StepAsync();
        var moving = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Progressing, moving.State);
        Assert.Equal(2, moving.Waves[0].Members.Count(m => m.MovedAt is not null));
        Assert.All(moving.Waves[0].Members, m => Assert.True(m.MovedAt >= open));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NewerCommit_SupersedesTheRun_MovedClustersKeepTheirResult_NoClusterSeesAThirdDigest(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var before = (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Target.Digest);
        var first = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        var run = await fleet.RolloutOfAsync(first);
        while (run.Waves[0].State != "Succeeded")
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromSeconds(30));
            run = await fleet.RolloutOfAsync(first);
        }
        var middle = (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Target.Digest);

        var second = await fleet.CommitAsync(Istio, "version: \"1.23.3\"", "version: \"1.23.4\"", "istio 1.23.4");
        var seen = new Dictionary<string, HashSet<string?>>();
        for (var i = 0; i < 200 && await fleet.StepAsync() > 0; i++)
        {
            foreach (var (name, c) in await fleet.Hub.ClustersAsync())
            {
                (seen.TryGetValue(name, out var s) ? s : seen[name] = []).Add(c.Target.Digest);
            }
            fleet.Host.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var old = await fleet.Host.GetAsync<RolloutResponse>($"/api/v1/rollouts/{run.Id}");
        Assert.Equal(RolloutState.Superseded, old.State);
        Assert.Contains(second[..12], old.Reason);
        Assert.Equal("Succeeded", old.Waves[0].State); // finished waves keep the old run's result
        var next = await fleet.RolloutOfAsync(second);
        Assert.Equal(RolloutState.Succeeded, next.State);
        Assert.Equal("canary", next.Waves[0].Name);
        var after = await fleet.Hub.ClustersAsync();
        foreach (var (name, digests) in seen)
        {
            // Each cluster's target was its digest before the second commit, or the newest desired one: never a third.
            Assert.Subset(new HashSet<string?> { middle[name], after[name].Desired.Digest }, digests);
        }
        Assert.All(after.Values, c => Assert.Equal(c.Desired.Digest, c.Target.Digest));
        Assert.Contains(after.Values, c => middle[c.Name] == before[c.Name]); // some clusters went straight from 1.23.2 to 1.23.4
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HubRestart_InTheMiddleOfAWave_ResumesExactlyWhereItStood(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        var run = await fleet.RolloutOfAsync(sha);
        while (run.Waves[1].Members.Count(m => m.MovedAt is not null) == 0)
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromSeconds(30));
            run = await fleet.RolloutOfAsync(sha);
        }
        var moved = run.Waves[1].Members.Where(m => m.MovedAt is not null).ToDictionary(m => m.Cluster, m => m.MovedAt);

        await fleet.Hub.RestartAsync();

        var resumed = await fleet.RolloutOfAsync(sha);
        Assert.Equal(run.Id, resumed.Id);
        Assert.Equal("edge", resumed.CurrentWave);
        Assert.Equal(moved, resumed.Waves[1].Members.Where(m => m.MovedAt is not null).ToDictionary(m => m.Cluster, m => m.MovedAt));
        await fleet.RunToEndAsync(TimeSpan.FromSeconds(30));
        var done = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Succeeded, done.State);
        Assert.Equal(moved.Keys.Order(), done.Waves[1].Members.Where(m => moved.ContainsKey(m.Cluster)).Select(m => m.Cluster).Order());
        Assert.All(done.Waves[1].Members.Where(m => moved.ContainsKey(m.Cluster)), m => Assert.Equal(moved[m.Cluster], m.MovedAt)); // not moved twice
        var audit = await fleet.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000");
        Assert.Equal(done.Waves.Sum(w => w.Clusters.Count), audit.Items.Count(a => a.Action == "rollout.move"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OfflineWait_AnOfflineCanaryFailsAtTheGateTimeout_AndTheRunRollsBack(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        fleet.Offline.Add("edge-muc-01");
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");

        await fleet.RunToEndAsync(TimeSpan.FromMinutes(1));

        var run = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.RolledBack, run.State);
        Assert.Equal(["edge-muc-01"], run.FailedClusters);
        Assert.Contains("link down", run.Waves[0].Members.Single(m => m.Cluster == "edge-muc-01").Reason);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OfflineSkip_AnOfflineClusterIsLeftBehind_TheRunGoesOn(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, RolloutFleet.FourWaves.Replace("  rollback:", "  offline: skip\n  rollback:", StringComparison.Ordinal));
        fleet.Offline.Add("edge-muc-01");
        fleet.Offline.Add("edge-ber-01");
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");

        await fleet.RunToEndAsync(TimeSpan.FromSeconds(30));

        var run = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Succeeded, run.State);
        var skipped = run.Waves.SelectMany(w => w.Members).Where(m => m.State == "Skipped").ToList();
        Assert.Equal(["edge-ber-01", "edge-muc-01"], skipped.Select(m => m.Cluster).Order());
        Assert.All(skipped, m => Assert.Contains("offline", m.Reason));
        var clusters = await fleet.Hub.ClustersAsync();
        Assert.All(skipped, m => Assert.Equal(clusters[m.Cluster].Desired.Digest, clusters[m.Cluster].Target.Digest)); // keeps its new target
    }
}
