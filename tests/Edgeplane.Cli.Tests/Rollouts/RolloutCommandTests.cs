using Edgeplane.Hub.Api.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary><c>edgeplane rollout list|status|pause|resume|abort|promote</c> against a stub hub serving the contract's JSON.</summary>
public sealed class RolloutCommandTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private StubHub _hub = null!;

    public async Task InitializeAsync() => _hub = await StubHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Task<CliRun> Run(params string[] args) => RolloutCli.RunAsync(_time, [.. args, .. _hub.Connection]);

    [Fact]
    public async Task List_Table_OneRowPerRollout_ShortRevision_CurrentWave_Age_CutReason()
    {
        var reason = "wave canary: gate bundles-healthy: 0 of 2 cluster(s) healthy, it needs 100%: edge-iad-01 not healthy within 5m";
        _hub.On("GET /api/v1/rollouts?limit=20", RolloutSamples.Page(
            RolloutSamples.Soaking(12) with { CreatedAt = _time.GetUtcNow().UtcDateTime.AddSeconds(-45) },
            RolloutSamples.RolledBack(11) with { Reason = reason, CreatedAt = _time.GetUtcNow().UtcDateTime.AddMinutes(-90) },
            RolloutSamples.Soaking(10, RolloutState.Paused) with { Reason = "paused by admin", CreatedAt = _time.GetUtcNow().UtcDateTime.AddDays(-3) }));

        var run = await Run("rollout", "list");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("""
            ID   REVISION       POLICY    STATE         WAVE         AGE   REASON
            12   3f2a9c1d0e4b   default   Progressing   edge-first   45s   -
            11   3f2a9c1d0e4b   default   RolledBack    -            90m   wave canary: gate bundles-healthy: 0 of 2 cluster(s) health…
            10   3f2a9c1d0e4b   default   Paused        edge-first   3d    paused by admin

            """, run.Out.ReplaceLineEndings("\n"));
        Assert.Equal(["GET /api/v1/rollouts?limit=20"], _hub.Requests);
    }

    [Fact]
    public async Task List_Json_PrintsTheApiPageAsItIs_WithLimit()
    {
        var page = RolloutSamples.Page(RolloutSamples.Soaking(12), RolloutSamples.RolledBack(11));
        _hub.On("GET /api/v1/rollouts?limit=5", page);

        var run = await Run("rollout", "list", "--limit", "5", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutCli.Compact(page), RolloutCli.Compact(run.Out));
        Assert.StartsWith("{\n  \"items\": [", run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Rollout_WithoutSubcommand_ListsLikeList()
    {
        _hub.On("GET /api/v1/rollouts?limit=20", RolloutSamples.Page());

        var run = await Run("rollout");

        Assert.Equal((0, "ID   REVISION   POLICY   STATE   WAVE   AGE   REASON\n"), (run.ExitCode, run.Out.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Status_Table_HeaderWavesAndTheMembersNeitherHealthyNorWaiting()
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7)));

        var run = await Run("rollout", "status", "7");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("""
            Rollout:    7
            Revision:   3f2a9c1d0e4b5a69788776655443322110aabbcc
            Policy:     default
            State:      Progressing
            Reason:     -
            Changes:    istio 1.23.2 → 1.23.3
            Wave:       edge-first (2 of 3)
            Created:    2026-11-27 10:00:00Z
            Started:    2026-11-27 10:00:02Z
            Finished:   -

            WAVE         STATE       HEALTHY   MAX-UNAVAILABLE   SOAK                                      STARTED                FINISHED
            canary       Succeeded   2/2       1                 1h                                        2026-11-27 10:00:02Z   2026-11-27 11:05:00Z
            edge-first   Soaking     2/3       2                 15m, soaking until 2026-11-27 11:25:00Z   2026-11-27 11:05:00Z   -
            edge         Pending     0/2       3                 15m                                       -                      -

            CLUSTER       WAVE         STATE     REASON
            edge-fra-01   edge-first   Skipped   offline (offline: skip)

            """, run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Status_RolledBack_SaysWhyAndWhichClustersFailed()
    {
        _hub.On("GET /api/v1/rollouts/8", RolloutSamples.Json(RolloutSamples.RolledBack(8)));

        var run = await Run("rollout", "status", "8");

        Assert.Equal(0, run.ExitCode);
        var text = run.Out.ReplaceLineEndings("\n");
        Assert.Contains("State:      RolledBack\nReason:     wave canary: gate bundles-healthy: edge-iad-01 not healthy within 5m of being moved (Progressing)\n", text);
        Assert.Contains("Changes:    istio 1.23.3 → 1.99.0\nWave:       -\n", text);
        Assert.Contains("Finished:   2026-11-27 10:06:00Z\nFailed:     edge-iad-01\n", text);
        Assert.Matches(@"\ncanary\s+Failed\s+0/2\s+2\s+1m\s+2026-11-27 10:00:01Z\s+2026-11-27 10:06:00Z\n", text);
        Assert.Matches(@"\nedge\s+Cancelled\s+0/1\s+2\s+1m\s+-\s+-\n", text);
        Assert.Matches(@"\nedge-iad-01\s+canary\s+RolledBack\s+not healthy within 5m of being moved \(Progressing\)\n", text);
        Assert.Matches(@"\nedge-ber-01\s+edge\s+NotMoved\s+-\n", text);
    }

    [Fact]
    public async Task Status_ManyMembers_ShowsTwentyAndHowManyMore()
    {
        _hub.On("GET /api/v1/rollouts/9", RolloutSamples.Json(RolloutSamples.ManyFailed(25)));

        var run = await Run("rollout", "status", "9");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(20, lines.Count(l => l.StartsWith("edge-0", StringComparison.Ordinal)));
        Assert.Contains("edge-020   edge   Failed   reason 20", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("edge-021", StringComparison.Ordinal));
        Assert.Equal("... and 5 more", lines[^2]);
        Assert.Contains("Failed:     " + string.Join(", ", Enumerable.Range(1, 25).Select(i => $"edge-{i:D3}")), lines);
    }

    [Fact]
    public async Task Status_Json_IsTheApiJson()
    {
        var body = RolloutSamples.Json(RolloutSamples.Soaking(7));
        _hub.On("GET /api/v1/rollouts/7", body);

        var run = await Run("rollout", "status", "7", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutCli.Compact(body), RolloutCli.Compact(run.Out));
    }

    [Fact]
    public async Task Status_Yaml_HasTheApiFields()
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7)));

        var run = await Run("rollout", "status", "7", "-o", "yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("id: 7\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("currentWave: edge-first\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("soakTime: 00:15:00", run.Out);
    }

    [Fact]
    public async Task Status_WithoutId_ShowsTheNewest()
    {
        var page = RolloutSamples.Page(RolloutSamples.Soaking(12));
        _hub.On("GET /api/v1/rollouts?limit=1", page);

        var json = await Run("rollout", "status", "-o", "json");
        var table = await Run("rollout", "status");

        Assert.Equal((0, 0), (json.ExitCode, table.ExitCode));
        Assert.Equal(RolloutCli.Compact(RolloutSamples.Json(RolloutSamples.Soaking(12))), RolloutCli.Compact(json.Out));
        Assert.StartsWith("Rollout:    12\n", table.Out.ReplaceLineEndings("\n"));
        Assert.Equal(["GET /api/v1/rollouts?limit=1", "GET /api/v1/rollouts?limit=1"], _hub.Requests);
    }

    [Fact]
    public async Task Status_WithoutIdOnAHubWithNoRollouts_ExitsOneAndSaysSo()
    {
        _hub.On("GET /api/v1/rollouts?limit=1", RolloutSamples.Page());

        var run = await Run("rollout", "status");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: the hub has no rollouts yet: a revision starts one when it changes clusters that a Rollout policy governs", run.Error.Trim());
    }

    [Fact]
    public async Task Status_Missing_ExitsOneWithTheProblemDetail()
    {
        _hub.On("GET /api/v1/rollouts/404", 404, RolloutSamples.Problem(404, "rollout 404 not found"));

        var run = await Run("rollout", "status", "404");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: hub answered 404 Not Found: rollout 404 not found", run.Error.Trim());
    }

    [Theory]
    [InlineData("pause", "paused")]
    [InlineData("resume", "resumed")]
    [InlineData("abort", "aborted")]
    [InlineData("promote", "promoted")]
    public async Task Control_Accepted_PrintsOneLine(string verb, string done)
    {
        _hub.On($"POST /api/v1/rollouts/7/{verb}", RolloutSamples.Json(RolloutSamples.Soaking(7)));

        var run = await Run("rollout", verb, "7");

        Assert.Equal((0, $"rollout 7 {done}\n", ""), (run.ExitCode, run.Out.ReplaceLineEndings("\n"), run.Error));
        Assert.Equal([$"POST /api/v1/rollouts/7/{verb}"], _hub.Requests);
    }

    [Fact]
    public async Task Control_Json_PrintsTheRolloutTheHubReturned()
    {
        var body = RolloutSamples.Json(RolloutSamples.Soaking(7, RolloutState.Paused) with { Reason = "paused by admin" });
        _hub.On("POST /api/v1/rollouts/7/pause", body);

        var run = await Run("rollout", "pause", "7", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutCli.Compact(body), RolloutCli.Compact(run.Out));
    }

    [Theory]
    [InlineData("pause", 409, "cannot pause rollout 7: the rollout is already paused", "hub answered 409 Conflict: cannot pause rollout 7: the rollout is already paused")]
    [InlineData("resume", 409, "cannot resume rollout 7: the rollout is Progressing, not Paused", "hub answered 409 Conflict: cannot resume rollout 7: the rollout is Progressing, not Paused")]
    [InlineData("abort", 404, "rollout 7 not found", "hub answered 404 Not Found: rollout 7 not found")]
    public async Task Control_Refused_ExitsOneWithTheProblemDetail_PrintsNothing(string verb, int status, string detail, string expected)
    {
        _hub.On($"POST /api/v1/rollouts/7/{verb}", status, RolloutSamples.Problem(status, detail));

        var run = await Run("rollout", verb, "7", "-o", "json");

        Assert.Equal((1, "", $"error: {expected}"), (run.ExitCode, run.Out, run.Error.Trim()));
    }

    [Theory]
    [InlineData(new[] { "rollout", "pause", "twelve" }, "Cannot parse argument 'twelve' for command 'pause' as expected type 'System.Int64'.")]
    [InlineData(new[] { "rollout", "abort" }, "Required argument missing for command: 'abort'.")]
    [InlineData(new[] { "rollout", "status", "7", "--watch", "--interval", "0s" }, "--interval: '0s' is out of range; it must be more than 0 and at most 1 hour")]
    [InlineData(new[] { "rollout", "status", "7", "--watch", "--interval", "50ms" }, "--interval: '50ms' is too short; it must be at least 100ms")]
    [InlineData(new[] { "rollout", "status", "7", "--watch", "--interval", "soon" }, "--interval: 'soon' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData(new[] { "rollout", "status", "7", "--interval", "5s" }, "--interval is for --watch; add --watch, or drop --interval")]
    public async Task BadCommandLine_ExitsTwo_AsksTheHubNothing(string[] args, string error)
    {
        var run = await CliRun.Of([.. args, .. _hub.Connection]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {error}", run.Error);
        Assert.Empty(_hub.Requests);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("status")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("abort")]
    [InlineData("promote")]
    [InlineData("demo")]
    public async Task Help_EverySubcommand_HasExamples(string subcommand)
    {
        var run = await CliRun.Of("rollout", subcommand, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Out);
        Assert.Contains($"edgeplane rollout {subcommand}", run.Out);
    }
}
