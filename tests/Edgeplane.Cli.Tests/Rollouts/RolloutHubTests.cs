using System.Text.Json;
using Edgeplane.Cli.Tests.HubFleet;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>
/// <c>edgeplane rollout</c> against a real hub running the real compiler and rollout engine on examples/fleet (whose one
/// Rollout policy governs every revision): a commit starts a rollout, and the CLI lists, shows and controls it.
/// </summary>
public sealed class RolloutHubTests(ExampleFleetHubFixture hub) : IClassFixture<ExampleFleetHubFixture>
{
    private Task<CliRun> Cli(params string[] args) => CliRun.Of([.. args, .. hub.Connection]);

    private Task<string> Api(string path) => RolloutCli.ApiGetAsync(hub.Url, hub.Token, path);

    [Fact]
    public async Task RealRollout_ListStatusJsonAreTheApis_PauseResumeAbort_RefusalsChangeNothing()
    {
        var addon = Path.Combine(hub.RepoPath, "addons", "istio", "addon.yaml");
        await File.WriteAllTextAsync(addon, (await File.ReadAllTextAsync(addon)).Replace("version: \"1.23.2\"", "version: \"1.23.3\"", StringComparison.Ordinal));
        var (sha, state) = await hub.CommitAndPushAsync("istio 1.23.3");
        Assert.Equal(RevisionState.Applied, state);
        var newest = JsonDocument.Parse(await Api("/api/v1/rollouts")).RootElement.GetProperty("items")[0];
        Assert.Equal(sha, newest.GetProperty("revision").GetString());
        var id = newest.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var pause = await Cli("rollout", "pause", id);
        Assert.Equal((0, $"rollout {id} paused\n", ""), (pause.ExitCode, pause.Out.ReplaceLineEndings("\n"), pause.Error));
        var paused = await Api($"/api/v1/rollouts/{id}");
        var again = await Cli("rollout", "pause", id);
        Assert.Equal((1, "", $"error: hub answered 409 Conflict: cannot pause rollout {id}: the rollout is already paused"),
            (again.ExitCode, again.Out, again.Error.Trim()));
        Assert.Equal(Control(paused), Control(await Api($"/api/v1/rollouts/{id}")));

        // A paused run still judges the members already moving (docs/rollouts.md, Controls), so the engine may change a
        // member between two reads: each CLI answer is compared with the API's answer around it, read until stable.
        var (status, statusApi) = await StableAsync(() => Cli("rollout", "status", id, "-o", "json"), $"/api/v1/rollouts/{id}");
        var (newestStatus, newestApi) = await StableAsync(() => Cli("rollout", "status", "-o", "json"), $"/api/v1/rollouts/{id}");
        var (list, listApi) = await StableAsync(() => Cli("rollout", "list", "-o", "json"), "/api/v1/rollouts?limit=20");
        Assert.Equal(RolloutCli.Compact(statusApi), RolloutCli.Compact(status.Out));
        Assert.Equal(RolloutCli.Compact(newestApi), RolloutCli.Compact(newestStatus.Out));
        Assert.Equal(RolloutCli.Compact(listApi), RolloutCli.Compact(list.Out));

        var table = await Cli("rollout", "list");
        var text = await Cli("rollout", "status", id);
        Assert.Matches($@"\n{id}\s+{sha[..12]}\s+default\s+Paused\s+canary\s+\d+s\s+paused by \S+\n", table.Out.ReplaceLineEndings("\n"));
        Assert.Contains("State:      Paused\n", text.Out.ReplaceLineEndings("\n"));
        Assert.Contains("Changes:    istio 1.23.2 → 1.23.3\n", text.Out.ReplaceLineEndings("\n"));
        Assert.Matches(@"\ncanary\s+(Progressing|Pending)\s+0/2\s+", text.Out.ReplaceLineEndings("\n"));

        var resume = await Cli("rollout", "resume", id);
        var abort = await Cli("rollout", "abort", id);
        Assert.Equal((0, $"rollout {id} resumed\n"), (resume.ExitCode, resume.Out.ReplaceLineEndings("\n")));
        Assert.Equal((0, $"rollout {id} aborted\n"), (abort.ExitCode, abort.Out.ReplaceLineEndings("\n")));
        var aborted = await Api($"/api/v1/rollouts/{id}");
        var promote = await Cli("rollout", "promote", id, "-o", "json");
        Assert.Equal((1, "", $"error: hub answered 409 Conflict: cannot promote rollout {id}: the rollout has ended (Aborted)"),
            (promote.ExitCode, promote.Out, promote.Error.Trim()));
        Assert.Equal(Control(aborted), Control(await Api($"/api/v1/rollouts/{id}")));

        var watch = await Cli("rollout", "status", id, "--watch");
        Assert.Equal(1, watch.ExitCode); // it ended, and not Succeeded
        Assert.Contains("State:      Aborted\n", watch.Out.ReplaceLineEndings("\n"));
    }

    /// <summary>What an operator's control changes: the run's state, reason and wave, and each wave's state.</summary>
    private static string Control(string run)
    {
        var root = JsonDocument.Parse(run).RootElement;
        var waves = string.Join(",", root.GetProperty("waves").EnumerateArray().Select(w => $"{w.GetProperty("name")}={w.GetProperty("state")}"));
        return $"{root.GetProperty("state")}|{root.GetProperty("reason")}|{root.GetProperty("currentWave")}|{waves}";
    }

    /// <summary>The CLI's answer with the API's, when the API answered the same just before and just after it.</summary>
    private async Task<(CliRun Cli, string Api)> StableAsync(Func<Task<CliRun>> cli, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await Api(path);
            var answer = await cli();
            var after = await Api(path);
            if (before == after || attempt == 20)
            {
                return (answer, after);
            }
        }
    }
}
