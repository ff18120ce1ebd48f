using Edgeplane.Cli.Tests.HubCommands;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary><c>edgeplane rollout</c> against a real hub that has no Rollout policy, so no rollouts: empty lists and 404s.</summary>
public sealed class RolloutEmptyHubTests(HubFixture hub) : IClassFixture<HubFixture>
{
    private string[] Connection => ["--hub", hub.Url, "--token", hub.Token];

    [Fact]
    public async Task List_NoRollouts_JsonIsTheApisEmptyPage_TableIsTheHeader()
    {
        var api = await RolloutCli.ApiGetAsync(hub.Url, hub.Token, "/api/v1/rollouts?limit=20");

        var json = await CliRun.Of(["rollout", "list", "-o", "json", .. Connection]);
        var table = await CliRun.Of(["rollout", "list", .. Connection]);

        Assert.Equal("""{"items":[],"continue":null}""", RolloutCli.Compact(api));
        Assert.Equal((0, RolloutCli.Compact(api)), (json.ExitCode, RolloutCli.Compact(json.Out)));
        Assert.Equal((0, "ID   REVISION   POLICY   STATE   WAVE   AGE   REASON\n"), (table.ExitCode, table.Out.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task List_LimitOutOfRange_ExitsOneWithTheHubsReason()
    {
        var run = await CliRun.Of(["rollout", "list", "--limit", "0", .. Connection]);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: hub answered 400 Bad Request: limit must be between 1 and 1000, got 0", run.Error.Trim());
    }

    [Fact]
    public async Task Status_NoRollouts_ExitsOneAndSaysSo()
    {
        var run = await CliRun.Of(["rollout", "status", .. Connection]);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: the hub has no rollouts yet: a revision starts one when it changes clusters that a Rollout policy governs", run.Error.Trim());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("pause")]
    [InlineData("promote")]
    public async Task MissingRollout_ExitsOneWithThe404Detail(string subcommand)
    {
        var run = await CliRun.Of(["rollout", subcommand, "999999", "-o", "json", .. Connection]);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: hub answered 404 Not Found: rollout 999999 not found", run.Error.Trim());
        Assert.Equal("""{"items":[],"continue":null}""", RolloutCli.Compact(await RolloutCli.ApiGetAsync(hub.Url, hub.Token, "/api/v1/rollouts")));
    }
}
