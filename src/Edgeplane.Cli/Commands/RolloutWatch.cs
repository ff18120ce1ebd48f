using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// <c>rollout status --watch</c>: polls one rollout every <paramref name="interval"/> (waiting on
/// <paramref name="time"/>) until it reaches a final state. With <paramref name="redraw"/> (a table on a terminal) the
/// screen is cleared and redrawn at every poll under a header with the time; otherwise each snapshot that differs from
/// the one before is appended, separated by a line with the time (text) or <c>---</c> (YAML), so that CI logs read well.
/// A poll the hub does not answer (unreachable, timeout, 5xx) is said on <paramref name="error"/> and asked again at the
/// next interval, up to <see cref="MaxFailedPolls"/> in a row; then the last failure ends the watch.
/// </summary>
internal sealed class RolloutWatch(
    HubApiClient client, TimeSpan interval, TimeProvider time, TextWriter output, TextWriter error, Func<HubAnswer<RolloutResponse>, Task<string>> render,
    string format, bool redraw)
{
    /// <summary>Polls in a row the hub may fail before the watch gives up (a hub restart takes a few).</summary>
    public const int MaxFailedPolls = 10;

    /// <summary>Clear the screen and move the cursor home (ANSI), as <c>watch</c> does.</summary>
    public const string ClearScreen = "\u001b[H\u001b[2J";

    /// <summary>Shows <paramref name="first"/> and its updates; 0 when the rollout ends Succeeded, 1 when it ends otherwise.</summary>
    public async Task<int> RunAsync(HubAnswer<RolloutResponse> first, CancellationToken cancellationToken)
    {
        var current = first;
        string? shown = null;
        while (true)
        {
            var text = await render(current).ConfigureAwait(false);
            if (redraw || text != shown)
            {
                await output.WriteAsync(Frame(text, shown is null, current.Value.Id)).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                shown = text;
            }
            if (RolloutText.IsFinal(current.Value.State))
            {
                return current.Value.State == RolloutState.Succeeded ? ExitCodes.Ok : ExitCodes.Invalid;
            }
            current = await NextAsync(current.Value.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HubAnswer<RolloutResponse>> NextAsync(long id, CancellationToken cancellationToken)
    {
        for (var failed = 0; ; failed++)
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            try
            {
                return await client.GetRolloutAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (HubClientException e) when (e.Transient && failed + 1 < MaxFailedPolls)
            {
                await error.WriteLineAsync($"warning: {e.Message} (poll {failed + 1} of {MaxFailedPolls} failed in a row; asking again in {RolloutText.Duration(interval)})")
                    .ConfigureAwait(false);
            }
        }
    }

    private string Frame(string text, bool first, long id)
    {
        var now = RolloutText.Time(time.GetUtcNow().UtcDateTime);
        if (redraw)
        {
            return $"{ClearScreen}Every {RolloutText.Duration(interval)}: edgeplane rollout status {id} (Ctrl-C stops)   {now}\n\n{text}";
        }
        return first ? text : format switch
        {
            "json" => text,
            "yaml" => "---\n" + text,
            _ => $"--- {now} ---\n{text}",
        };
    }
}
