using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Sources;

public sealed class GitSourceTests
{
    [Fact]
    public async Task Checkout_OverFileLimit_FailsRevisionWithLimitName()
    {
        using var temp = new TempDirectory();
        using var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out var sha);
        var options = HubHost.Options(repo.Path, temp.Sub("data"), null) with { Limits = new HubLimits { MaxCheckoutFiles = 2 } };
        await using var host = await HubHost.StartAsync(options);

        var revision = await host.WaitForRevisionAsync(sha);

        Assert.Equal(RevisionState.Failed, revision.State);
        var error = Assert.Single(revision.Errors);
        Assert.Equal("CheckoutFailed", error.Code);
        Assert.StartsWith("the repo has more than 2 files (MaxCheckoutFiles); stopped at ", error.Message);
        Assert.Empty(await host.DesiredDigestsAsync());
    }

    [Fact]
    public async Task Fetch_MissingBranch_RecordsFetchErrorAndStaysReady()
    {
        using var temp = new TempDirectory();
        using var repo = TestRepo.FromFixture(temp.Sub("repo"), "fleet", out _);
        var options = HubHost.Options(repo.Path, temp.Sub("data"), null) with { Branch = "release" };
        await using var host = await HubHost.StartAsync(options);
        var fleet = await WaitForFetchErrorAsync(host);

        Assert.Equal("branch 'release' not found in " + repo.Path, fleet.Source.LastFetchError);
        Assert.Equal("ready\n", await host.Anonymous.GetStringAsync("/readyz"));
    }

    private static async Task<Edgeplane.Hub.Api.Contracts.FleetSummaryResponse> WaitForFetchErrorAsync(HubHost host)
    {
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Activity.Fetched += (_, error) =>
        {
            if (error is not null)
            {
                failed.TrySetResult();
            }
        };
        var fleet = await host.GetAsync<Edgeplane.Hub.Api.Contracts.FleetSummaryResponse>("/api/v1/fleet");
        if (fleet.Source.LastFetchError is null)
        {
            await failed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            fleet = await host.GetAsync<Edgeplane.Hub.Api.Contracts.FleetSummaryResponse>("/api/v1/fleet");
        }
        return fleet;
    }
}
