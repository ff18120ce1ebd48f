using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Hosting;

public sealed class RestartTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Restart_SameDataFolder_KeepsDesiredStateRevisionsAndToken(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var digests = await scenario.Host.DesiredDigestsAsync();
        var revisions = await scenario.Host.GetAsync<PageResponse<RevisionResponse>>("/api/v1/revisions");

        await scenario.RestartAsync();

        Assert.Null(scenario.Host.AdminToken); // printed once, at first start only
        Assert.Equal(digests, await scenario.Host.DesiredDigestsAsync());
        var after = await scenario.Host.GetAsync<PageResponse<RevisionResponse>>("/api/v1/revisions");
        Assert.Equal(revisions.Items.Select(r => (r.Sha, r.State)), after.Items.Select(r => (r.Sha, r.State)));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Restart_RevisionFetchedButNotProcessed_IsProcessedAfterRestart(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var blocking = new BlockingCompiler();
        await scenario.RestartAsync(blocking);
        scenario.Repo.Write("common/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: platform\n");
        var sha = scenario.Repo.Commit("arrives while the hub is about to crash");
        await scenario.Host.AdvancePollIntervalAsync(scenario.Options.PollInterval, sha);
        await blocking.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RevisionState.Pending, (await scenario.Host.GetRevisionOrNullAsync(sha))!.State);

        await scenario.RestartAsync(); // stops mid-compile: nothing of the revision was committed

        var revision = await scenario.Host.WaitForRevisionAsync(sha);
        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.All((await scenario.Host.DesiredDigestsAsync()).Values, Assert.NotNull);
        var clusters = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters");
        Assert.All(clusters.Items, c => Assert.Equal(sha, c.Desired.Revision));
    }

    /// <summary>Never finishes: stands for a hub that dies while rendering.</summary>
    private sealed class BlockingCompiler : IRevisionCompiler
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<CompileResult> CompileAsync(string checkoutDirectory, string revision, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
