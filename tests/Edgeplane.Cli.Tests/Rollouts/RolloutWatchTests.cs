using System.Text;
using System.Text.Json;
using Edgeplane.Cli.Commands;
using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary><c>rollout status --watch</c> on a fake clock, against a stub hub whose rollout changes between polls.</summary>
public sealed class RolloutWatchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly SignallingTimeProvider _time = new(Start);
    private StubHub _hub = null!;

    public async Task InitializeAsync() => _hub = await StubHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Task<CliRun> Watch(params string[] args) =>
        _time.RunAsync(RolloutCli.RunAsync(_time, ["rollout", "status", "7", "--watch", .. args, .. _hub.Connection]));

    [Fact]
    public async Task Watch_EndsSucceeded_ExitsZero_AppendsEachChangeOnce_SeparatedByTheTime()
    {
        var soaking = RolloutSamples.Json(RolloutSamples.Soaking(7));
        var succeeded = RolloutSamples.Json(RolloutSamples.Soaking(7, RolloutState.Succeeded) with { CurrentWave = null });
        _hub.On("GET /api/v1/rollouts/7", soaking, soaking, soaking, succeeded);

        var run = await Watch("--interval", "5s");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(4, _hub.Requests.Count); // the first read, then one poll per 5 s until it ended
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], _time.Waits);
        var text = run.Out.ReplaceLineEndings("\n");
        Assert.Equal(2, text.Split("Rollout:    7\n").Length - 1); // unchanged polls print nothing
        Assert.Contains("Finished:   -\n\n", text);
        Assert.Contains("\n--- 2026-11-27 12:00:15Z ---\nRollout:    7\nRevision:", text);
        Assert.Contains("State:      Succeeded\n", text.Split("--- 2026-11-27 12:00:15Z ---")[1]);
        Assert.DoesNotContain(RolloutWatch.ClearScreen, text);
    }

    [Fact]
    public async Task Watch_EndsRolledBack_ExitsOne_WithTheReason()
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7)), RolloutSamples.Json(RolloutSamples.RolledBack(7)));

        var run = await Watch();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Waits); // --interval defaults to 2s
        Assert.Contains("--- 2026-11-27 12:00:02Z ---\n", run.Out.ReplaceLineEndings("\n"));
        Assert.EndsWith("edge-ber-01   edge     NotMoved     -\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("Reason:     wave canary: gate bundles-healthy: edge-iad-01 not healthy within 5m", run.Out);
    }

    [Theory]
    [InlineData(RolloutState.Succeeded, 0)]
    [InlineData(RolloutState.Failed, 1)]
    [InlineData(RolloutState.RolledBack, 1)]
    [InlineData(RolloutState.Aborted, 1)]
    [InlineData(RolloutState.Superseded, 1)]
    public async Task Watch_AlreadyEnded_PrintsOnceWithoutWaiting_ExitCodeByState(RolloutState state, int exitCode)
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7, state)));

        var run = await Watch();

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Empty(_time.Waits);
        Assert.Single(_hub.Requests);
        Assert.Contains($"State:      {state}\n", run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Watch_Json_EachChangeIsTheApiDocument()
    {
        var first = RolloutSamples.Json(RolloutSamples.Soaking(7));
        var last = RolloutSamples.Json(RolloutSamples.Soaking(7, RolloutState.Aborted) with { Reason = "aborted by admin" });
        _hub.On("GET /api/v1/rollouts/7", first, first, last);

        var run = await Watch("-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([RolloutCli.Compact(first), RolloutCli.Compact(last)], Documents(run.Out).Select(RolloutCli.Compact));
    }

    [Fact]
    public async Task Watch_CtrlC_StopsWithExit130()
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7)));
        using var interrupt = new CancellationTokenSource();
        var run = RolloutCli.RunAsync(_time, ["rollout", "status", "7", "--watch", .. _hub.Connection], interrupt.Token);
        await _time.WaitStartedAsync(); // it showed the rollout and waits for the next poll
        await interrupt.CancelAsync();

        var result = await run;

        Assert.Equal((ExitCodes.Interrupted, ""), (result.ExitCode, result.Error));
        Assert.Equal(1, result.Out.Split("Rollout:    7").Length - 1);
        Assert.Single(_hub.Requests);
    }

    [Fact]
    public async Task Watch_HubFailsAFewPolls_SaysSoOnStderrAndKeepsWatching()
    {
        var soaking = RolloutSamples.Json(RolloutSamples.Soaking(7));
        var unavailable = RolloutSamples.Problem(503, "the hub is starting");
        _hub.On("GET /api/v1/rollouts/7", (200, soaking), (503, unavailable), (503, unavailable),
            (200, RolloutSamples.Json(RolloutSamples.Soaking(7, RolloutState.Succeeded) with { CurrentWave = null })));

        var run = await Watch("--interval", "5s");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, _hub.Requests.Count);
        var warnings = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith("warning: ", warnings[0]);
        Assert.EndsWith("(poll 1 of 10 failed in a row; asking again in 5s)", warnings[0]);
        Assert.EndsWith("(poll 2 of 10 failed in a row; asking again in 5s)", warnings[1]);
        Assert.Contains("State:      Succeeded", run.Out);
    }

    [Fact]
    public async Task Watch_HubDownForTenPolls_GivesUpWithTheLastError()
    {
        _hub.On("GET /api/v1/rollouts/7", (200, RolloutSamples.Json(RolloutSamples.Soaking(7))), (503, RolloutSamples.Problem(503, "the hub is starting")));

        var run = await Watch("--interval", "5s");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1 + RolloutWatch.MaxFailedPolls, _hub.Requests.Count);
        Assert.Contains("the hub is starting", run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public async Task Status_RevisionNotStartedYet_WatchWaitsForIt()
    {
        var older = RolloutSamples.RolledBack(6) with { Revision = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
        var ours = RolloutSamples.Soaking(7, RolloutState.Succeeded) with { CurrentWave = null };
        _hub.On("GET /api/v1/rollouts?limit=100", RolloutSamples.Page(older), RolloutSamples.Page(older), RolloutSamples.Page(ours, older));
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(ours));

        var run = await _time.RunAsync(RolloutCli.RunAsync(_time,
            ["rollout", "status", "--revision", RolloutSamples.Sha[..7].ToUpperInvariant(), "--watch", "--interval", "3s", .. _hub.Connection]));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"waiting for the hub to start the rollout of {RolloutSamples.Sha[..7]} (up to 2m) …\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal(3, _hub.Requests.Count(r => r == "GET /api/v1/rollouts?limit=100"));
        Assert.Contains("Rollout:    7\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("State:      Succeeded", run.Out);
    }

    [Fact]
    public async Task Status_RevisionWithoutRollout_WatchGivesUpAfterTwoMinutes()
    {
        _hub.On("GET /api/v1/rollouts?limit=100", RolloutSamples.Page(RolloutSamples.RolledBack(6) with { Revision = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }));

        var watched = await _time.RunAsync(RolloutCli.RunAsync(_time,
            ["rollout", "status", "--revision", RolloutSamples.Sha, "--watch", "--interval", "10s", .. _hub.Connection]));
        var once = await RolloutCli.RunAsync(_time, ["rollout", "status", "--revision", RolloutSamples.Sha[..9], .. _hub.Connection]);
        var both = await RolloutCli.RunAsync(_time, ["rollout", "status", "7", "--revision", RolloutSamples.Sha[..9], .. _hub.Connection]);

        Assert.Equal(1, watched.ExitCode);
        Assert.Equal(13, _hub.Requests.Count(r => r == "GET /api/v1/rollouts?limit=100") - 1); // 0 s, 10 s, … 120 s; then the run without --watch
        Assert.Contains($"the hub started no rollout for revision {RolloutSamples.Sha} within 2m", watched.Error);
        Assert.Equal(1, once.ExitCode);
        Assert.Contains($"no rollout for revision {RolloutSamples.Sha[..9]} among the hub's newest 100", once.Error);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give a rollout id or --revision SHA, not both", both.Error);
    }

    [Fact]
    public async Task Watch_OnATerminal_ClearsAndRedrawsEveryPoll()
    {
        _hub.On("GET /api/v1/rollouts/7", RolloutSamples.Json(RolloutSamples.Soaking(7)), RolloutSamples.Json(RolloutSamples.Soaking(7)),
            RolloutSamples.Json(RolloutSamples.Soaking(7, RolloutState.Succeeded)));
        using var client = new HubApiClient(new Uri(_hub.Url), "ep_stub_token");
        var output = new StringWriter();
        var watch = new RolloutWatch(client, TimeSpan.FromSeconds(2), _time, output, TextWriter.Null, a => RolloutCommand.RenderAsync("table", a), "table", redraw: true);

        var code = await _time.RunAsync(RolloutCommand.WatchAsync(watch, await client.GetRolloutAsync(7, CancellationToken.None), CancellationToken.None));

        Assert.Equal(0, code);
        var frames = output.ToString().Split(RolloutWatch.ClearScreen)[1..];
        Assert.Equal(3, frames.Length); // drawn at every poll, changed or not
        Assert.StartsWith("Every 2s: edgeplane rollout status 7 (Ctrl-C stops)   2026-11-27 12:00:00Z\n\nRollout:    7\n", frames[0]);
        Assert.StartsWith("Every 2s: edgeplane rollout status 7 (Ctrl-C stops)   2026-11-27 12:00:04Z\n\n", frames[2]);
        Assert.Contains("State:      Succeeded", frames[2]);
    }

    private static List<string> Documents(string stream)
    {
        var documents = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stream), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.GetRawText());
        }
        return documents;
    }
}
