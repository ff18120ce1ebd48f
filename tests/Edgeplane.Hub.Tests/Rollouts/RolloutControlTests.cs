using System.Net;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Rollouts;

/// <summary>docs/rollouts.md, "Controls": pause and resume, abort, promote, and the refusals.</summary>
public sealed class RolloutControlTests
{
    private const string Istio = "addons/istio/addon.yaml";

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Pause_MovesNothingUntilResume_ThenTheRunFinishes(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        var id = (await fleet.RolloutOfAsync(sha)).Id;

        var paused = await PostAsync<RolloutResponse>(fleet, $"/api/v1/rollouts/{id}/pause");
        Assert.Equal(RolloutState.Paused, paused.State);
        var targets = await TargetsAsync(fleet);
        for (var i = 0; i < 10; i++)
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromMinutes(10)); // past soak and gate timeouts: nothing may fail or move
        }
        Assert.Equal(targets, await TargetsAsync(fleet));
        var still = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Paused, still.State);
        Assert.DoesNotContain(still.Waves.SelectMany(w => w.Members), m => m.State == "Failed");
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfPostAsync(fleet, $"/api/v1/rollouts/{id}/pause"));

        Assert.Equal(RolloutState.Progressing, (await PostAsync<RolloutResponse>(fleet, $"/api/v1/rollouts/{id}/resume")).State);
        await fleet.RunToEndAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RolloutState.Succeeded, (await fleet.RolloutOfAsync(sha)).State);
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfPostAsync(fleet, $"/api/v1/rollouts/{id}/resume"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Abort_StopsWhereItStands_MovedClustersKeepTheNewBundle_TheOthersAreHeld(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        var run = await fleet.RolloutOfAsync(sha);
        while (run.Waves[0].State != "Succeeded")
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromSeconds(30));
            run = await fleet.RolloutOfAsync(sha);
        }

        var aborted = await PostAsync<RolloutResponse>(fleet, $"/api/v1/rollouts/{run.Id}/abort");
        for (var i = 0; i < 5; i++)
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(RolloutState.Aborted, aborted.State);
        Assert.Contains("aborted by", aborted.Reason);
        var clusters = await fleet.Hub.ClustersAsync();
        var moved = aborted.Waves.SelectMany(w => w.Members).Where(m => m.MovedAt is not null).Select(m => m.Cluster).ToHashSet();
        Assert.Superset(run.Waves[0].Clusters.ToHashSet(), moved); // every canary moved
        Assert.True(moved.Count < clusters.Count);
        Assert.All(clusters.Values, c => Assert.Equal(moved.Contains(c.Name), c.Target.Digest == c.Desired.Digest));
        Assert.All(clusters.Values.Where(c => !moved.Contains(c.Name)), c => Assert.Equal(run.Id, c.HeldByRollout));
        Assert.All(aborted.Waves.Skip(1).Where(w => w.Clusters.Count > 0), w => Assert.Equal("Cancelled", w.State));
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfPostAsync(fleet, $"/api/v1/rollouts/{run.Id}/abort"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Promote_SkipsTheRestOfTheSoak(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, RolloutFleet.FourWaves.Replace("soakTime: 1m", "soakTime: 2d", StringComparison.Ordinal));
        var sha = await fleet.CommitAsync(Istio, "version: \"1.23.2\"", "version: \"1.23.3\"", "istio 1.23.3");
        var run = await fleet.RolloutOfAsync(sha);
        while (run.Waves[0].State != "Soaking")
        {
            await fleet.StepAsync();
            run = await fleet.RolloutOfAsync(sha);
        }
        await fleet.StepAsync();
        Assert.Equal("Soaking", (await fleet.RolloutOfAsync(sha)).Waves[0].State); // two days to go

        await PostAsync<RolloutResponse>(fleet, $"/api/v1/rollouts/{run.Id}/promote");
        await fleet.StepAsync();

        var promoted = await fleet.RolloutOfAsync(sha);
        Assert.Equal("Succeeded", promoted.Waves[0].State);
        Assert.Equal("edge", promoted.CurrentWave);
        Assert.True(promoted.Waves[0].FinishedAt < promoted.Waves[0].SoakUntil);
        var audit = await fleet.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=500");
        Assert.Contains(audit.Items, a => a.Action == "rollout.promote" && a.Outcome == "Succeeded");
    }

    [Fact]
    public async Task Controls_OnAMissingRollout_Are404_AndNeedFleetAdmin()
    {
        await using var fleet = await RolloutFleet.StartAsync(StoreKind.Sqlite);

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfPostAsync(fleet, "/api/v1/rollouts/999/pause"));
        using var anonymous = await fleet.Host.Anonymous.PostAsync("/api/v1/rollouts/999/pause", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var get = await fleet.Host.Client.GetAsync("/api/v1/rollouts/999");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("rollout 999 not found", await get.Content.ReadAsStringAsync());
    }

    internal static async Task<T> PostAsync<T>(RolloutFleet fleet, string path)
    {
        using var response = await fleet.Host.Client.PostAsync(path, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, HubHost.Json)!;
    }

    private static async Task<HttpStatusCode> StatusOfPostAsync(RolloutFleet fleet, string path)
    {
        using var response = await fleet.Host.Client.PostAsync(path, null);
        return response.StatusCode;
    }

    private static async Task<Dictionary<string, string?>> TargetsAsync(RolloutFleet fleet) =>
        (await fleet.Hub.ClustersAsync()).ToDictionary(c => c.Key, c => c.Value.Target.Digest);
}
